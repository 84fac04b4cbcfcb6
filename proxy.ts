import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

/** Next.js 16 proxy: a fresh CSP nonce per request, and the security headers on every response. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets the signed-in layout send a signed-out visitor back here after sign-in.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Static assets need no nonce; everything else (pages and API) gets the headers.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};
