import { route } from "@/lib/api/route";
import { ingest } from "@/lib/api/operations/ingest";
import { ingestRequest } from "@/lib/api/ingest-request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Ingest: a JSON array or NDJSON of events (gzip allowed). 200 if any accepted or all duplicates, 409 if only conflicts, else 400. */
export const POST = route(ingest.ingestEvents, ({ request, key }) => ingestRequest(request, key));
