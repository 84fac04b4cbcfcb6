import { InvalidInputError } from "@/lib/errors";
import { deleteSession } from "@/lib/db/sessions";
import { appendCookies, authenticate, clearSessionCookies, readCookie, SESSION_COOKIE, sessionCookies } from "@/lib/auth/authenticate";
import { clientAddress, parseTrustedProxies, PEER_HEADER } from "@/lib/auth/client-address";
import { login } from "@/lib/auth/login";
import { env } from "@/lib/env";

/** POST /api/v1/auth/login: a session for valid credentials, as cookies. */
export async function signIn(request: Request, email: string, password: string): Promise<Response> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) throw new InvalidInputError("Send the credentials as application/json");
  // Never the client's own X-Forwarded-For: the socket's peer, or the proxies' record behind trusted proxies.
  const peer = process.env.TOKENLEDGER_PEER_HEADER === "on" ? request.headers.get(PEER_HEADER) : null;
  const ip = clientAddress(peer, request.headers.get("x-forwarded-for"), parseTrustedProxies(env().TOKENLEDGER_TRUSTED_PROXIES));
  const session = await login(email, password, { ip, userAgent: request.headers.get("user-agent") });
  const user = { email: session.user.email, name: session.user.name, role: session.user.role, teams: session.user.teams };
  return new Response(JSON.stringify({ user }), { headers: appendCookies(new Headers({ "content-type": "application/json" }), sessionCookies(request, session)) });
}

/** POST /api/v1/auth/logout: ends the session (if any) and clears the cookies. */
export async function signOut(request: Request): Promise<Response> {
  const token = readCookie(request, SESSION_COOKIE);
  const auth = await authenticate(request).catch(() => null);
  if (auth?.via === "session" && token) await deleteSession(token);
  return new Response(null, { status: 204, headers: appendCookies(new Headers(), clearSessionCookies(request)) });
}
