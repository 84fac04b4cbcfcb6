import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { repriceOpenPeriods } from "@/lib/finops/recompute";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Reprices all events of open periods with the current price book (explicit, audited). */
export const POST = route({ query: z.object({}), auth: { permission: "prices:write" } }, ({ auth }) => repriceOpenPeriods(actorOfPrincipal(auth.principal)));
