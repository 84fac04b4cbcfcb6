/**
 * Secrets never reach a log line. Two nets: fields whose name says secret (Authorization, Cookie, Set-Cookie,
 * passwords, SMTP credentials, tokens, ingest keys, webhook secrets, CSRF tokens) are censored by pino's
 * `redact` paths built from SECRET_FIELD_NAMES (and by redact() for values logged outside pino); and any string
 * that carries one of our bearer secrets (`tla_…` API tokens, `tlk_…` ingest keys), a `Bearer …` value or URL
 * credentials (smtp://user:pass@host) is masked where it stands, whatever its field is called.
 */
export const REDACTED = "[Redacted]";

/** Field names as they are spelled in our objects and in HTTP headers; each is censored at any casing below. */
export const SECRET_FIELD_NAMES = [
  "authorization",
  "Authorization",
  "proxy-authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "password",
  "passwordHash",
  "pass",
  "secret",
  "webhookSecret",
  "webhook_secret",
  "signingSecret",
  "token",
  "rawToken",
  "apiToken",
  "api_key",
  "apiKey",
  "ingestKey",
  "hash",
  "csrfToken",
  "x-csrf-token",
  "x-api-key",
  "smtpPass",
  "smtpPassword",
  "smtpUrl",
  "SMTP_PASS",
  "SMTP_PASSWORD",
  "SMTP_URL",
  "CLICKHOUSE_PASSWORD",
  "TOKENLEDGER_ADMIN_PASSWORD",
  "adminPassword",
  "DATABASE_URL",
  "databaseUrl",
] as const;

const normalized = (name: string) => name.toLowerCase().replace(/[-_]/g, "");
const SECRET_FIELDS = new Set(SECRET_FIELD_NAMES.map(normalized));
export const isSecretField = (name: string) => SECRET_FIELDS.has(normalized(name));

/**
 * pino `redact` paths: each secret name at the top of a line and two levels down (`headers.authorization`,
 * `smtp.transport.pass`), which is as deep as our log fields go; fast-redact compiles them once.
 */
export function secretPaths(): string[] {
  const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`);
  const join = (prefix: string, name: string) => (key(name).startsWith("[") ? `${prefix}${key(name)}` : `${prefix}.${name}`);
  return SECRET_FIELD_NAMES.flatMap((name) => [key(name), join("*", name), join("*.*", name)]);
}

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

/**
 * A copy of `value` with secrets inside strings masked and errors flattened to {type, message, stack, cause}
 * (their messages and stacks masked too). With `byName`, secret fields are also replaced whole at any depth:
 * for values that leave the process without pino's paths (redact(value) for anything else).
 */
export function redact(value: unknown, depth = 0, byName = true): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[Too deep]";
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined, ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1, byName) } : {}) };
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth + 1, byName);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, byName));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = byName && isSecretField(k) && v !== undefined && v !== null && v !== "" ? REDACTED : redact(v, depth + 1, byName);
  return out;
}

/** The text net only (pino's redact paths do the names): what the logger runs on every line's fields. */
export const maskSecrets = (value: unknown): unknown => redact(value, 0, false);
