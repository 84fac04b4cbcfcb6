import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { addRule, listOwnershipRules } from "@/lib/admin/ownership";
import { route } from "@/lib/api/route";
import { sortRules } from "@/lib/finops/attribution";
import { RuleCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "settings:read" } }, async () => ({ rules: sortRules(await listOwnershipRules()) }));
export const POST = route({ query: z.object({}), auth: { permission: "rules:write" }, body: RuleCreate }, ({ body, auth }) => addRule(body, actorOfPrincipal(auth.principal)));
