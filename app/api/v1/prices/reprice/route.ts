import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { route } from "@/lib/api/route";
import { repriceOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Reprices all events of open periods with the current price book (explicit, audited). */
export const POST = route({ query: z.object({}), auth: "open" }, ({ request }) => repriceOpenPeriods(actorOf(request)));
