import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one API request has done so far, carried through every await by AsyncLocalStorage: route() opens it,
 * lib/clickhouse notes each query it sends (query_id, name, time), and the request's log line reports them.
 * Outside a request (boot, schedules, CLI) there is none and nothing is noted.
 */
export type QueryNote = { query_id: string; name: string; ms: number };
export type RequestContext = { requestId: string; operation: string; queries: QueryNote[] };

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Records a ClickHouse query of the current request (no-op outside one). */
export function noteQuery(note: QueryNote): void {
  storage.getStore()?.queries.push(note);
}
