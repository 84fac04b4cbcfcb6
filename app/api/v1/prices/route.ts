import { actorOfPrincipal } from "@/lib/auth/principal";
import { listPrices, savePrice } from "@/lib/admin/price-book";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The price book: every effective-dated row. */
export const GET = route(admin.listPrices, async () => ({ prices: await listPrices() }));

/**
 * Adds a price row (same key and valid_from: corrects it). A model's first price also prices its unpriced events
 * of open periods (audited reprice); otherwise stored events are repriced only by POST /prices/reprice.
 */
export const POST = route(admin.savePrice, async ({ body, auth }) => savePrice(body, actorOfPrincipal(auth.principal)));
