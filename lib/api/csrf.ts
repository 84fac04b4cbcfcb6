/**
 * The session's CSRF token as a request header, read from the readable cookie the server set at sign-in
 * (double submit: the server compares it with its own copy). Browser only; empty elsewhere.
 */
export function csrfHeaders(): Record<string, string> {
  if (typeof document === "undefined") return {};
  const token = /(?:^|;\s*)tl_csrf=([^;]*)/.exec(document.cookie)?.[1];
  return token ? { "x-csrf-token": decodeURIComponent(token) } : {};
}
