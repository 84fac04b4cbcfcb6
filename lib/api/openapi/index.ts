import { OPERATIONS } from "@/lib/api/operations";
import { type Json, Spec } from "./builder";
import { addSharedComponents } from "./components";

/**
 * The OpenAPI 3.1 document of the REST API (served at GET /api/v1/openapi.json), built from the operations
 * the routes serve (lib/api/operations): nothing is declared twice. No React, no database: only the zod
 * schemas the routes use, so it can be built anywhere (route, tests, a CLI).
 */
export function buildOpenApiDocument(): Json {
  const spec = new Spec();
  addSharedComponents(spec);
  for (const op of OPERATIONS) spec.add(op);
  const components = spec.components();
  return {
    openapi: "3.1.0",
    info: {
      title: "TokenLedger API",
      version: "1",
      summary: "Spend, ingestion and administration of a self-hosted TokenLedger.",
      description: [
        "Every number the UI shows comes from these endpoints, under the same rules: spend queries return only the caller's teams (admin and finance: every team; lead and viewer: their assigned teams).",
        "Money is a decimal string with exactly 9 decimals (USD), never a float; tokens and counts are integers; ratios are numbers.",
        "Authentication: an API token (`Authorization: Bearer tla_…`) for scripts and BI tools, an ingest key (`Bearer tlk_…`) for the two ingest endpoints, or the browser session cookie (changes then need the `x-csrf-token` header). Each operation names the permission its caller's role must grant (`x-permission`).",
        "Errors all have one shape: `{\"error\": {\"code\", \"message\", \"issues\"?}}`.",
      ].join("\n\n"),
    },
    tags: [
      { name: "Spend", description: "Spend queries: summary, overview, time series, traces." },
      { name: "Ingest", description: "Usage events and OpenTelemetry traces, with an ingest key." },
      { name: "Prices", description: "The effective-dated price book." },
      { name: "Ownership rules", description: "Which team an event without one belongs to." },
      { name: "Alerts", description: "Anomaly alerts: list, detail, acknowledge, resolve, snooze, evaluate." },
      { name: "Alert rules" },
      { name: "Notification channels", description: "Email and webhook channels that alerts and budgets notify." },
      { name: "Ingest keys" },
      { name: "API tokens" },
      { name: "Users and teams" },
      { name: "Audit" },
      { name: "Chargeback", description: "Period reports with shared-cost allocation, close and reopen, exports." },
      { name: "Budgets", description: "Budgets with forecasts, what-if scenarios, threshold events and the budget decision API." },
      { name: "Account", description: "Sign-in and identity." },
      { name: "Meta", description: "Health and this document." },
    ],
    paths: Object.fromEntries(Object.entries(spec.paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
  };
}

let cached: string | undefined;

/** The document as JSON text, built on first use: it depends only on code, so once per process is enough. */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
