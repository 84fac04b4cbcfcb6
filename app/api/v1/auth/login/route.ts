import { z } from "zod";
import { route } from "@/lib/api/route";
import { signIn } from "@/lib/api/sign-in";
import { LoginBody } from "@/lib/schemas/api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Email + password → session cookie (httpOnly) and CSRF cookie. JSON only, which keeps cross-site forms out. */
export const POST = route({ query: z.object({}), auth: "open", body: LoginBody }, ({ body, request }) => signIn(request, body.email, body.password));
