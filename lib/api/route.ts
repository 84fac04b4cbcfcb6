import type { z } from "zod";
import { toErrorResponse } from "./errors";

/**
 * The one route wrapper: parses the query string with the route's zod schema, runs the handler, and maps
 * every error to the one error shape. Route files stay thin: schema in, lib/ call, JSON out.
 */
export function route<Q extends z.ZodType>(
  opts: { query: Q },
  handler: (ctx: { query: z.infer<Q>; request: Request }) => Promise<unknown>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const query = opts.query.parse(params);
      const body = await handler({ query, request });
      return body instanceof Response ? body : Response.json(body);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
