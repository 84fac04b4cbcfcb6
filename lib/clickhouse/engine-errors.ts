import "server-only";
import { UnavailableError } from "@/lib/errors";

/**
 * Engine errors that say "not now" rather than "wrong query": a time or memory limit, too many queries or
 * parts at once, a lost connection. They become an UnavailableError (503 with Retry-After at the API) so a
 * caller can retry or narrow the question; any other engine error stays what it is (a bug: 500).
 *
 * Codes are ClickHouse's (src/Common/ErrorCodes.cpp); @clickhouse/client and chDB both raise an error with
 * `code` (the number, as a string) and `type` (the name).
 */
const TRANSIENT: Record<string, { seconds: number; hint: string }> = {
  "159": { seconds: 30, hint: "the query hit its time limit; narrow the range or filters, or retry later" }, // TIMEOUT_EXCEEDED
  "160": { seconds: 30, hint: "the query would be too slow; narrow the range or filters, or retry later" }, // TOO_SLOW
  "241": { seconds: 30, hint: "the query hit its memory limit; narrow the range or filters, or retry later" }, // MEMORY_LIMIT_EXCEEDED
  "173": { seconds: 30, hint: "the engine could not allocate memory; retry later" }, // CANNOT_ALLOCATE_MEMORY
  "202": { seconds: 5, hint: "too many queries are running; retry shortly" }, // TOO_MANY_SIMULTANEOUS_QUERIES
  "252": { seconds: 10, hint: "the store is merging too many parts; retry shortly" }, // TOO_MANY_PARTS
  "209": { seconds: 5, hint: "the connection to the event store timed out; retry shortly" }, // SOCKET_TIMEOUT
  "210": { seconds: 5, hint: "the event store could not be reached; retry shortly" }, // NETWORK_ERROR
};

/** The UnavailableError an engine error stands for, or the error itself when it is not transient. */
export function classifyEngineError(err: unknown): unknown {
  if (typeof err !== "object" || err === null || !("code" in err)) return err;
  const code = String((err as { code: unknown }).code);
  const t = TRANSIENT[code];
  if (!t) return err;
  const type = "type" in err && typeof err.type === "string" ? err.type : `code ${code}`;
  return new UnavailableError(`The event store could not answer (${type}): ${t.hint}.`, t.seconds, { cause: err });
}

/** Runs engine work, turning transient engine errors into UnavailableError. */
export async function engineCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw classifyEngineError(err);
  }
}
