import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./auth/client-address";
import { DEFAULT_MAX_TOKENS_PER_EVENT } from "./ingest/limits";

/**
 * The one place that reads process.env (next.config.js aside). Parsed once, with a message naming the
 * variable on a bad value, so a misconfigured start stops before it touches a store.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TOKENLEDGER_DATA_DIR: z.string().min(1).default("./data"),
  TOKENLEDGER_DEMO: z.enum(["on", "off"]).default("on"),
  TOKENLEDGER_DEMO_SEED: z.coerce.number().int().min(0).default(42),
  CLICKHOUSE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://localhost:8123" }).optional(),
  CLICKHOUSE_USER: z.string().default("default"),
  CLICKHOUSE_PASSWORD: z.string().default(""),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a plain identifier (letters, digits, underscore)")
    .default("tokenledger"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .optional(),
  /** Where this server is reached; set by `npm start`, shown to a second process that finds the store busy. */
  TOKENLEDGER_PUBLIC_URL: z.string().optional(),
  /** First admin, created on start when there are no users (the password may be omitted: one is generated and printed once). */
  TOKENLEDGER_ADMIN_EMAIL: z.email("must be an email address").optional(),
  TOKENLEDGER_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** An event reporting more tokens than this (input + output) is rejected as implausible. */
  TOKENLEDGER_MAX_TOKENS_PER_EVENT: z.coerce.number().int().min(1, "must be a whole number of tokens, at least 1").default(DEFAULT_MAX_TOKENS_PER_EVENT),
  /** Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or IPv4 CIDR ranges); none by default. */
  TOKENLEDGER_TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      }
    }),
  /** SMTP server for email notification channels when Settings names none: smtp://user:pass@host:port (smtps:// for TLS). */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_FROM: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & {
  dataDir: string;
  clickhouseDataDir: string;
  databaseUrl: string;
  databaseKind: "sqlite" | "postgresql";
};

export class EnvError extends Error {}

/** A value as it may appear in a message or log: passwords hidden, URL credentials stripped. */
export function masked(name: string, value: string): string {
  if (/PASSWORD|SECRET|_TOKEN$|_KEY$/i.test(name)) return value ? "***" : "";
  return value.replace(/\/\/[^/@\s]*@/, "//***@");
}

/** Parse an environment (default: process.env) into typed, resolved settings; throws EnvError naming the variables. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}=${JSON.stringify(masked(String(i.path[0]), cleaned[String(i.path[0])] ?? ""))}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const dataDir = path.resolve(env.TOKENLEDGER_DATA_DIR);
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, "app.db")}`;
  return {
    ...env,
    dataDir,
    clickhouseDataDir: path.join(dataDir, "clickhouse"),
    databaseUrl,
    databaseKind: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
  };
}

let cached: Env | undefined;

/** The process's settings, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
