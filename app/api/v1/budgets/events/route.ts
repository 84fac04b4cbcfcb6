import { z } from "zod";
import { route } from "@/lib/api/route";
import { listVisibleEvents } from "@/lib/budgets/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Threshold crossings (and projected breaches) of the budgets the caller may see, newest first. */
export const GET = route({ query: z.object({ budget_id: z.string().optional() }), auth: { permission: "spend:read" } }, ({ query, auth }) => listVisibleEvents(auth.principal, query.budget_id));
