import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { reapplyRulesToOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Re-applies ownership rules to all events of open periods (explicit, audited). */
export const POST = route(admin.reapplyOwnershipRules, ({ auth }) => reapplyRulesToOpenPeriods(actorOfPrincipal(auth.principal)));
