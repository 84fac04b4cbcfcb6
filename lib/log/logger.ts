import pino, { type LogFn, type Logger as PinoLogger } from "pino";
import { env } from "@/lib/env";
import { currentRequest } from "./request-context";
import { maskSecrets, REDACTED, redactText, secretPaths } from "./redact";

/**
 * Structured logs on pino: one JSON object per line on stdout (`level` as a number, `time` in epoch ms, `pid`,
 * `hostname`, `name`, the current request's `request_id`, the fields, `msg`), read by pino-pretty, Loki or any
 * JSON log shipper. Written synchronously to fd 1 through pino.destination: no transports, as they run in
 * worker threads that a Next server bundle does not carry. Secrets: pino's `redact` paths censor secret field
 * names, and every field and message is masked for secrets inside strings (tokens, Bearer, URL credentials).
 */
export type Level = "debug" | "info" | "warn" | "error";
export type Logger = Pick<PinoLogger, Level | "child" | "isLevelEnabled">;

/** Where lines go (tests swap it to capture them). */
export type Sink = (line: string) => void;
const holder = globalThis as typeof globalThis & { __tokenledgerLogSink?: Sink; __tokenledgerPino?: PinoLogger };

/** LOG_LEVEL (a bad value already stops the server in lib/env.ts; "info" when env cannot be read, as in some tests). */
function configuredLevel(): Level {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}

function build(): PinoLogger {
  const stdout = pino.destination({ dest: 1, sync: true });
  // One stream that tests can point elsewhere without rebuilding the logger.
  const stream = { write: (line: string) => (holder.__tokenledgerLogSink ? holder.__tokenledgerLogSink(line.replace(/\n$/, "")) : stdout.write(line)) };
  return pino(
    {
      name: "tokenledger",
      level: configuredLevel(),
      timestamp: pino.stdTimeFunctions.epochTime,
      redact: { paths: secretPaths(), censor: REDACTED },
      mixin: () => {
        const request = currentRequest();
        return request ? { request_id: request.requestId } : {};
      },
      // Errors are already flattened and masked by the formatter ({type, message, stack, cause}); pino's own
      // err serializer would re-read them as plain objects and call them "Object".
      serializers: { err: (err: unknown) => err },
      formatters: { log: (fields) => maskSecrets(fields) as Record<string, unknown>, bindings: (bindings) => maskSecrets(bindings) as Record<string, unknown> },
      hooks: {
        // The message is not a field: mask secrets in it (and in printf-style arguments) here.
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<LogFn>;
          method.apply(this, masked);
        },
      },
    },
    stream,
  );
}

/** Built on first use, so LOG_LEVEL is read after the environment is set (tests set it before their imports). */
const root = (): PinoLogger => (holder.__tokenledgerPino ??= build());
const forward = (level: Level): LogFn => ((...args: unknown[]) => (root()[level] as (...a: unknown[]) => void)(...args)) as LogFn;

export const logger: Logger = {
  debug: forward("debug"),
  info: forward("info"),
  warn: forward("warn"),
  error: forward("error"),
  child: (bindings, options) => root().child(bindings, options),
  isLevelEnabled: (level) => root().isLevelEnabled(level),
};

/** For tests: capture lines and force a level; call with no arguments to restore stdout and LOG_LEVEL. */
export function setLogOutput(sink?: Sink, level?: Level): void {
  holder.__tokenledgerLogSink = sink;
  root().level = level ?? configuredLevel();
}
