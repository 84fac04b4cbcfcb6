import { z } from "zod";
import { route } from "@/lib/api/route";
import { whatIf } from "@/lib/budgets/what-if";
import { WhatIf } from "@/lib/schemas/budget";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Read-only: the projection under a scenario, beside the base one. POST because the scenario is a body. */
export const POST = route({ query: z.object({}), auth: { permission: "spend:read" }, body: WhatIf }, ({ params, body, auth }) => whatIf(params.id, body, auth.principal));
