import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/admin/audit";
import { AuditQuery } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: AuditQuery, auth: { permission: "audit:read" } }, async ({ query }) => ({ entries: await listAudit(query.limit) }));
