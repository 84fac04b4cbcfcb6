import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { listUnpricedModels } from "@/lib/admin/price-book";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Models with unpriced events (stored, flagged, costed at nothing until a price exists and a reprice runs). */
export const GET = route(admin.listUnpricedModels, async ({ auth }) => ({ models: await listUnpricedModels(auth.scope) }));
