import { z } from "zod";
import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/db/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), auth: { permission: "audit:read" } }, async ({ query }) => ({ entries: await listAudit(query.limit) }));
