/**
 * Who is acting, for the audit log. Until sign-in exists every dashboard request is anonymous and is
 * recorded as such, with its client address, so the log never claims an identity it does not have.
 */
export function actorOf(request: Request): string {
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `anonymous${ip ? ` (${ip})` : ""}`;
}
