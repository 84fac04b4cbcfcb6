import { z } from "zod";
import { route } from "@/lib/api/route";
import { listUnpricedModels } from "@/lib/admin/price-book";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Models with unpriced events (stored, flagged, costed at nothing until a price exists and a reprice runs). */
export const GET = route({ query: z.object({}), auth: { permission: "settings:read" } }, async ({ auth }) => ({ models: await listUnpricedModels(auth.scope) }));
