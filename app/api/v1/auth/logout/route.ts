import { route } from "@/lib/api/route";
import { account } from "@/lib/api/operations/account";
import { signOut } from "@/lib/api/sign-in";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route(account.logout, ({ request }) => signOut(request));
