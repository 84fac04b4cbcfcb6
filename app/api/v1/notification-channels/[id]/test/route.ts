import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { testChannel } from "@/lib/alerts/channels";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route(alerts.testChannel, ({ params, request }) => testChannel(params.id, new URL(request.url).origin));
