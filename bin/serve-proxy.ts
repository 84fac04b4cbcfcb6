/**
 * The public listener's pipe to Next.js (bin/serve.ts): every request the decision worker does not answer goes to
 * Next's internal listener on 127.0.0.1, streamed both ways (request body, status, headers, response body as it
 * is written: pages, RSC streams, downloads), with the TCP peer's address in x-tokenledger-peer (any copy the
 * client sent removed) and a per-process secret that tells the internal listener the header is ours. Upgrades
 * (next dev's hot reload socket) are piped raw. Hop-by-hop headers stay on their own hop.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { PEER_HEADER } from "../lib/auth/client-address";

export const PROXY_SECRET_HEADER = "x-tokenledger-proxy";
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"]);

export type Upstream = { port: number; secret: string };

function forwardHeaders(req: IncomingMessage, up: Upstream, keepUpgrade: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === PEER_HEADER || k === PROXY_SECRET_HEADER) continue;
    if (HOP.has(k) && !(keepUpgrade && (k === "connection" || k === "upgrade"))) continue;
    out[k] = v;
  }
  out[PEER_HEADER] = req.socket.remoteAddress ?? "";
  out[PROXY_SECRET_HEADER] = up.secret;
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 64 });

export function proxyRequest(req: IncomingMessage, res: ServerResponse, up: Upstream): void {
  const upstream = http.request({ host: "127.0.0.1", port: up.port, method: req.method, path: req.url, headers: forwardHeaders(req, up, false), agent });
  upstream.on("response", (r) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
    res.writeHead(r.statusCode ?? 502, r.statusMessage, headers);
    r.pipe(res);
    r.on("error", () => res.destroy());
  });
  upstream.on("error", () => {
    if (!res.headersSent) {
      const body = JSON.stringify({ error: { code: "unavailable", message: "The application server is not answering" } });
      res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } else res.destroy();
  });
  // The client went away before the answer was complete: stop Next's work on it too.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

const tunnels = new Set<Duplex>();

/** Ends every open tunnel (shutdown: a browser tab's hot-reload socket would otherwise hold the listener open). */
export function closeTunnels(): void {
  for (const t of tunnels) t.destroy();
}

export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, up: Upstream): void {
  tunnels.add(socket);
  socket.on("close", () => tunnels.delete(socket));
  const upstream = net.connect({ host: "127.0.0.1", port: up.port }, () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (const [k, v] of Object.entries(forwardHeaders(req, up, true))) for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  // A tunnel is over when either side ends or fails (websockets do not half-close): both sockets go, so that
  // neither holds the listener open at shutdown.
  const both = () => {
    socket.destroy();
    upstream.destroy();
  };
  for (const s of [socket, upstream]) for (const ev of ["end", "error", "close"]) s.on(ev, both);
}
