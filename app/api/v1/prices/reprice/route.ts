import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { repriceOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Reprices all events of open periods with the current price book (explicit, audited). */
export const POST = route(admin.repriceOpenPeriods, ({ auth }) => repriceOpenPeriods(actorOfPrincipal(auth.principal)));
