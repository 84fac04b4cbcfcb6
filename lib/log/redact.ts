/**
 * Secrets never reach a log line. Two nets: fields whose name says secret (Authorization, Cookie, Set-Cookie,
 * passwords, SMTP credentials, tokens, ingest keys, CSRF tokens) are replaced whole, at any depth; and any
 * string that carries one of our bearer secrets (`tla_…` API tokens, `tlk_…` ingest keys), a `Bearer …`
 * value or URL credentials (smtp://user:pass@host) is masked where it stands, whatever its field is called.
 */
export const REDACTED = "[Redacted]";

/** Field names (compared lower case, without - and _) whose values are secrets. */
const SECRET_FIELDS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "password",
  "passwordhash",
  "pass",
  "secret",
  "token",
  "rawtoken",
  "apitoken",
  "ingestkey",
  "hash",
  "csrftoken",
  "xcsrftoken",
  "smtppass",
  "smtppassword",
  "smtpurl",
  "clickhousepassword",
  "adminpassword",
  "tokenledgeradminpassword",
  "databaseurl",
]);
const normalized = (name: string) => name.toLowerCase().replace(/[-_]/g, "");
export const isSecretField = (name: string) => SECRET_FIELDS.has(normalized(name));

const SECRET_TEXT: [RegExp, string][] = [
  [/\b(tla|tlk)_[A-Za-z0-9_-]{6,}/g, `$1_${REDACTED}`],
  [/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(:[^\s/@]*)?@/gi, `$1${REDACTED}@`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` fit for a log line: secret fields replaced, secrets inside strings masked, errors flattened. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[Too deep]";
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined, ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1) } : {}) };
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) && v !== undefined && v !== null && v !== "" ? REDACTED : redact(v, depth + 1);
  return out;
}
