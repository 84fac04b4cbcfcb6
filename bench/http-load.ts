/**
 * An open-loop HTTP/1.1 load generator on raw keep-alive sockets, for latency benchmarks on a shared machine.
 *
 * Why not http.request or fetch: at 500 requests/s their per-request CPU (agents, streams, header objects)
 * competes with the server for the same two cores and its own event-loop delays land in the measured latency.
 * Here each request is a pre-serialised buffer written to an idle socket, and a response is recognised by a
 * small parser (status line, Content-Length or chunked body), so the client costs a few microseconds.
 *
 * Open loop at a fixed rate, latency measured from each request's SCHEDULED send time, not from when it was
 * actually written: a stall of the server (or of this client) shows up in every request it delays, not just
 * one (no coordinated omission). Requests due while all sockets are busy open another socket (up to `maxSockets`)
 * or wait in a queue, and that wait counts too.
 */
import net from "node:net";

/** An answer other than 2xx, or none (status 0: the connection closed before an answer came). */
export type Failure = { index: number; status: number; body: string };
export type LoadResult = { latenciesMs: number[]; statuses: Record<string, number>; bodies: string[]; failures: Failure[]; errors: number; elapsedS: number };
type Pending = { due: number; index: number };
type Conn = { socket: net.Socket; busy: Pending | null; buf: Buffer; idleSince: number; retired: boolean };

/**
 * A connection idle longer than this is closed, not reused. A server closes idle keep-alive connections after
 * its own timeout (Node's default: 5 s); a request written just as it does is lost (the connection closes
 * unanswered). Load that rises and falls leaves sockets idle that long: reuse only recently busy ones.
 */
const IDLE_REUSE_MS = 2_000;

/** Parses one complete response at the head of `buf`: [status, body, bytes used] or null if incomplete. */
export function parseResponse(buf: Buffer): [number, string, number] | null {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = buf.subarray(0, headEnd).toString("latin1");
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return buf.length < end ? null : [status, buf.subarray(headEnd + 4, end).toString("utf8"), end];
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error(`response without length: ${head.slice(0, 200)}`);
  const parts: Buffer[] = [];
  let at = headEnd + 4;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
    if (buf.length < lineEnd + 2 + size + 2) return null;
    if (size === 0) return [status, Buffer.concat(parts).toString("utf8"), lineEnd + 4];
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A serialised POST with a JSON body. */
export function postRequest(host: string, path: string, headers: Record<string, string>, body: string): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, `host: ${host}`, "connection: keep-alive", "content-type: application/json", `content-length: ${Buffer.byteLength(body)}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * Sends `total` requests at `rate` per second (request i is due at start + i/rate) and resolves when all have
 * answered. `keepBodies` keeps every response body (for checking decisions).
 */
export async function openLoop(opts: { port: number; rate: number; total: number; request: (i: number) => Buffer; maxSockets?: number; keepBodies?: boolean }): Promise<LoadResult> {
  const maxSockets = opts.maxSockets ?? 64;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const bodies: string[] = [];
  const failures: Failure[] = [];
  let errors = 0;
  const idle: Conn[] = [];
  const queue: Pending[] = [];
  let open = 0;
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((r) => (finish = r));

  const complete = (p: Pending, status: number, body: string) => {
    latenciesMs.push(performance.now() - p.due);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (opts.keepBodies) bodies[p.index] = body;
    if ((status < 200 || status > 299) && failures.length < 100) failures.push({ index: p.index, status, body: body || "(connection closed before an answer)" });
    if (++done === opts.total) finish();
  };
  const dispatch = (c: Conn) => {
    const next = queue.shift();
    if (!next) {
      c.busy = null;
      c.idleSince = performance.now();
      idle.push(c);
      return;
    }
    c.busy = next;
    c.socket.write(opts.request(next.index));
  };
  const connect = () => {
    open++;
    const c: Conn = { socket: net.connect({ port: opts.port, host: "127.0.0.1", noDelay: true }), busy: null, buf: Buffer.alloc(0), idleSince: 0, retired: false };
    c.socket.on("connect", () => dispatch(c));
    c.socket.on("data", (chunk: Buffer) => {
      c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
      const parsed = c.busy ? parseResponse(c.buf) : null;
      if (!parsed || !c.busy) return;
      c.buf = c.buf.subarray(parsed[2]);
      complete(c.busy, parsed[0], parsed[1]);
      dispatch(c);
    });
    c.socket.on("error", () => {});
    c.socket.on("close", () => {
      if (c.retired) return;
      open--;
      const i = idle.indexOf(c);
      if (i >= 0) idle.splice(i, 1);
      if (c.busy) {
        errors++;
        complete(c.busy, 0, "");
      }
    });
  };
  const send = (p: Pending) => {
    let c = idle.pop();
    while (c && performance.now() - c.idleSince > IDLE_REUSE_MS) {
      c.retired = true; // counted out now, so that a new socket may open in its place at once
      open--;
      c.socket.destroy();
      c = idle.pop();
    }
    if (c) {
      c.busy = p;
      c.socket.write(opts.request(p.index));
      return;
    }
    queue.push(p);
    if (open < maxSockets) connect();
  };

  const t0 = performance.now() + 5;
  for (let i = 0; i < opts.total; i++) {
    const due = t0 + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    send({ due, index: i });
  }
  if (opts.total > 0) await finished;
  const elapsedS = (performance.now() - t0) / 1000;
  for (const c of idle) c.socket.destroy();
  return { latenciesMs, statuses, bodies, failures, errors, elapsedS };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
