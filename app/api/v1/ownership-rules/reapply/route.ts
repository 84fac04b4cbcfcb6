import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { route } from "@/lib/api/route";
import { reapplyRulesToOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Re-applies ownership rules to all events of open periods (explicit, audited). */
export const POST = route({ query: z.object({}), auth: "open" }, ({ request }) => reapplyRulesToOpenPeriods(actorOf(request)));
