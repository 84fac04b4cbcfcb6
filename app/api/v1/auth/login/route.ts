import { z } from "zod";
import { route } from "@/lib/api/route";
import { signIn } from "@/lib/auth/sign-in";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Email + password → session cookie (httpOnly) and CSRF cookie. JSON only, which keeps cross-site forms out. */
export const POST = route({ query: z.object({}), auth: "open", body: z.object({ email: z.string().max(254), password: z.string().max(1024) }) }, ({ body, request }) => signIn(request, body.email, body.password));
