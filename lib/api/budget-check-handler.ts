import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller } from "@/lib/budgets/decide";
import { CheckRequest, type CheckResponse } from "@/lib/schemas/budget";
import { STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { ApiError, errorPayload } from "./errors";

/**
 * POST /api/v1/budgets/check answered on node:http directly, ahead of Next.js (bin/serve.ts). The decision takes
 * microseconds; measured under load, Next's request pipeline (middleware, web streams, tracing, the app-route
 * runtime) cost about 4 ms of CPU per request and around 90 % of the route's time, more than two cores at
 * 500 requests/s (bench/budget-check.ts). Same contract as the Next route app/api/v1/budgets/check/route.ts:
 * the same key check (ingest-credential.ts), schema, decision (lib/budgets/decide.ts) and error shape. Where the
 * key is verified and where the state lives is given: in this process (budget-check-http.ts) or, in the server,
 * the decision worker's copy (lib/budgets/check-mirror.ts). No storage imports: the worker loads this.
 */
export const BUDGET_CHECK_PATH = "/api/v1/budgets/check";
const MAX_BODY = 64 * 1024; // a call's attribution and cost: a few hundred bytes
const HEADERS = { ...STATIC_SECURITY_HEADERS, "content-type": "application/json", "cache-control": "no-store" };

export type BudgetCheckDeps = {
  authenticate: (authorization: string | undefined) => Promise<{ id: string; defaultTeam: string | null }>;
  decide: (req: CheckRequest, caller: Caller) => Promise<CheckResponse> | CheckResponse;
};

export function isBudgetCheck(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const q = req.url.indexOf("?");
  return (q < 0 ? req.url : req.url.slice(0, q)) === BUDGET_CHECK_PATH;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) return reject(new ApiError("payload_too_large", `Body is larger than ${MAX_BODY} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new ApiError("payload_too_large", `Body is larger than ${MAX_BODY} bytes`));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, extra?: Record<string, string>): void {
  const json = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...HEADERS, ...extra, "content-length": json.length });
  res.end(json);
}

export function budgetCheckHandler(deps: BudgetCheckDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const key = await deps.authenticate(req.headers.authorization);
      const text = await readBody(req);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new ApiError("bad_request", "Body must be JSON");
      }
      send(res, 200, await deps.decide(CheckRequest.parse(raw), { keyId: key.id, defaultTeam: key.defaultTeam }));
    } catch (err) {
      const { status, body, headers } = errorPayload(err);
      if (!res.headersSent) send(res, status, body, headers);
    }
  };
}
