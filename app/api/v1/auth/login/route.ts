import { route } from "@/lib/api/route";
import { account } from "@/lib/api/operations/account";
import { signIn } from "@/lib/api/sign-in";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Email + password → session cookie (httpOnly) and CSRF cookie. JSON only, which keeps cross-site forms out. */
export const POST = route(account.login, ({ body, request }) => signIn(request, body.email, body.password));
