import { actorOfPrincipal } from "@/lib/auth/principal";
import { addRule, listOwnershipRules } from "@/lib/admin/ownership";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { sortRules } from "@/lib/finops/attribution";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(admin.listOwnershipRules, async () => ({ rules: sortRules(await listOwnershipRules()) }));
export const POST = route(admin.addOwnershipRule, ({ body, auth }) => addRule(body, actorOfPrincipal(auth.principal)));
