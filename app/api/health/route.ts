import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** 200 when both stores answer, 503 with the reason when one does not. */
export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
