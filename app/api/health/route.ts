import { account } from "@/lib/api/operations/account";
import { route } from "@/lib/api/route";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** 200 when both stores answer, 503 with the reason when one does not. */
export const GET = route(account.health, async () => {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
});
