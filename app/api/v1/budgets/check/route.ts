import { z } from "zod";
import { route } from "@/lib/api/route";
import { checkBudgets } from "@/lib/budgets/check";
import { CheckRequest } from "@/lib/schemas/budget";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The budget decision for a call about to be dispatched (gateways, CI). Authenticated by an ingest key. */
export const POST = route({ query: z.object({}), auth: "ingest", body: CheckRequest }, ({ body, key }) => checkBudgets(body, { keyId: key.id, defaultTeam: key.defaultTeam }));
