import { openApiJson } from "@/lib/api/openapi";
import { account } from "@/lib/api/operations/account";
import { route } from "@/lib/api/route";

export const runtime = "nodejs";

/**
 * GET /api/v1/openapi.json: the API's OpenAPI 3.1 document. Open and readable from any origin: it is
 * documentation, holds no data, and hosted viewers (Swagger UI, Redoc) load it by URL.
 */
export const GET = route(account.openapi, () => new Response(openApiJson(), { headers: { "content-type": "application/json", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } }));
