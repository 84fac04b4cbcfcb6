import { hostname } from "node:os";
import { env } from "@/lib/env";
import { currentRequest } from "./request-context";
import { redact, redactText } from "./redact";

/**
 * Structured logs: one JSON object per line on stdout, shaped like pino's (`level` as pino's number, `time` in
 * epoch ms, `pid`, `hostname`, `msg`, then the fields), so pino-pretty, Loki or any JSON log shipper reads them.
 * pino itself is not installed here (no new dependencies), so this is the small part of its API we use:
 * logger.info(fields?, msg), child(bindings), level from LOG_LEVEL. Every line carries the current request's
 * id when there is one, and goes through redact() first: no Authorization, cookie, password or key in a log.
 */
export type Level = "debug" | "info" | "warn" | "error";
const LEVELS: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

export type Logger = {
  [L in Level]: (fieldsOrMsg: Record<string, unknown> | string, msg?: string) => void;
} & { child: (bindings: Record<string, unknown>) => Logger; isLevelEnabled: (level: Level) => boolean };

/** Where lines go (tests swap it to capture them). */
export type Sink = (line: string) => void;
const holder = globalThis as typeof globalThis & { __tokenledgerLogSink?: Sink; __tokenledgerLogLevel?: Level };
const stdoutSink: Sink = (line) => process.stdout.write(line + "\n");

/** LOG_LEVEL, read once (a bad value already stops the server in lib/env.ts; "info" if env cannot be read). */
function minLevel(): number {
  if (!holder.__tokenledgerLogLevel) {
    try {
      holder.__tokenledgerLogLevel = env().LOG_LEVEL;
    } catch {
      holder.__tokenledgerLogLevel = "info";
    }
  }
  return LEVELS[holder.__tokenledgerLogLevel];
}

/** For tests: capture lines and force a level; call with no arguments to restore stdout and LOG_LEVEL. */
export function setLogOutput(sink?: Sink, level?: Level): void {
  holder.__tokenledgerLogSink = sink;
  holder.__tokenledgerLogLevel = level;
}

const base = { pid: process.pid, hostname: hostname() };

function make(bindings: Record<string, unknown>): Logger {
  const write = (level: Level, fieldsOrMsg: Record<string, unknown> | string, msg?: string) => {
    if (LEVELS[level] < minLevel()) return;
    const fields = typeof fieldsOrMsg === "string" ? {} : fieldsOrMsg;
    const text = typeof fieldsOrMsg === "string" ? fieldsOrMsg : msg;
    const request = currentRequest();
    const line = {
      level: LEVELS[level],
      time: Date.now(),
      ...base,
      ...(request ? { request_id: request.requestId } : {}),
      ...(redact(bindings) as object),
      ...(redact(fields) as object),
      msg: text === undefined ? undefined : redactText(text),
    };
    (holder.__tokenledgerLogSink ?? stdoutSink)(JSON.stringify(line));
  };
  return {
    debug: (f, m) => write("debug", f, m),
    info: (f, m) => write("info", f, m),
    warn: (f, m) => write("warn", f, m),
    error: (f, m) => write("error", f, m),
    child: (more) => make({ ...bindings, ...more }),
    isLevelEnabled: (level) => LEVELS[level] >= minLevel(),
  };
}

export const logger: Logger = make({ name: "tokenledger" });
