import { route } from "@/lib/api/route";
import { account } from "@/lib/api/operations/account";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Who is calling, with role and team scope. */
export const GET = route(account.me, async ({ auth }) => ({ principal: auth.principal, scope: auth.scope }));
