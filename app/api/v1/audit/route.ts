import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { listAudit } from "@/lib/admin/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(admin.listAudit, async ({ query }) => ({ entries: await listAudit(query.limit) }));
