import { openApiJson } from "@/lib/api/openapi";

export const runtime = "nodejs";

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document. Open: it is documentation, and holds no data. */
export async function GET(): Promise<Response> {
  return new Response(openApiJson(), { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
