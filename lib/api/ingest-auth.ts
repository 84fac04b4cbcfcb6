import { verifyIngestKey, type VerifiedKey } from "@/lib/db/ingest-keys";
import { authenticateWith } from "./ingest-credential";

/**
 * An ingest-key request's credential, verified against the metadata store: one place for the route wrapper
 * (lib/api/route.ts) and the budget check's fast path (lib/api/budget-check-http.ts), so both refuse the same
 * requests with the same errors (ingest-credential.ts).
 */
export function authenticateIngest(authorization: string | null | undefined): Promise<VerifiedKey> {
  return authenticateWith(authorization, verifyIngestKey);
}
