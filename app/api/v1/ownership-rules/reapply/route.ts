import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { reapplyRulesToOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Re-applies ownership rules to all events of open periods (explicit, audited). */
export const POST = route({ query: z.object({}), auth: { permission: "rules:write" } }, ({ auth }) => reapplyRulesToOpenPeriods(actorOfPrincipal(auth.principal)));
