import { formatUsdFine } from "../../lib/finops/format";
import { TopTracesResponse, TraceResponse } from "../../lib/schemas/trace";
import { expect, test } from "./fixtures";

test("from the most expensive traces to one trace, whose total and team tables match the API", async ({ page, request }) => {
  await page.goto("/traces");
  await expect(page).toHaveURL(/\/traces\?from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("traces-table")).toBeVisible();
  const url = new URL(page.url());
  const list = TopTracesResponse.parse(await (await request.get(`/api/v1/traces?${url.searchParams}&limit=50`)).json());
  expect(list.traces.length).toBeGreaterThan(0);
  await expect(page.getByTestId("traces-table").locator("tbody tr")).toHaveCount(list.traces.length);

  const top = list.traces[0];
  await page.getByTestId("traces-table").locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/traces/${top.trace_id}$`));
  const api = TraceResponse.parse(await (await request.get(`/api/v1/traces/${encodeURIComponent(top.trace_id)}`)).json());
  const total = page.getByTestId("trace-total");
  await expect(total).toHaveAttribute("data-exact", api.total.cost_usd);
  await expect(total).toHaveText(formatUsdFine(api.total.cost_usd));
  // Every call is a row, or part of a folded run of repeats that counts it.
  await expect(page.getByTestId("call-tree")).toBeVisible();
  const folded = await page.getByTestId("call-tree").getByTestId("repeat-row").evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.getAttribute("data-count")), 0));
  await expect(page.getByTestId("call-tree").getByTestId("call-row")).toHaveCount(api.nodes.length - folded);
  await expect(page.getByText("Spend by executing team")).toBeVisible();
  await expect(page.getByText("Spend by originating team")).toBeVisible();
  await expect(page.getByTestId("executing-teams").locator("tbody tr")).toHaveCount(api.by_executing_team.length);
  await expect(page.getByTestId("originating-teams").locator("tbody tr")).toHaveCount(api.by_originating_team.length);
  await expect(page.getByTestId("originating-teams").locator("tfoot td").first()).toHaveAttribute("title", api.total.cost_usd);
});

test("/traces takes the explorer's URL and a pasted id; an unknown id is a clear not-found", async ({ page, request }) => {
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/traces?from=${from}&to=${today}&tz=UTC&group_by=feature&metric=cost_usd&service=rag-api`);
  await expect(page).toHaveURL(/service=rag-api/);
  await expect(page.getByText("service = rag-api")).toBeVisible();
  const api = TopTracesResponse.parse(await (await request.get(`/api/v1/traces?from=${from}&to=${today}&tz=UTC&service=rag-api`)).json());
  await expect(page.getByTestId("traces-table").locator("tbody tr")).toHaveCount(api.traces.length);

  await page.getByRole("searchbox", { name: "trace_id or request_id" }).fill("no-such-trace");
  await page.getByRole("button", { name: "Open trace" }).click();
  await expect(page).toHaveURL(/\/traces\/no-such-trace$/);
  await expect(page.getByText("Trace not found")).toBeVisible();
});

test("the trace list has the period control of Overview and Explore: Through is the last day included", async ({ page }) => {
  await page.goto("/traces?from=2026-11-01&to=2026-11-08&tz=UTC");
  // People see the last day included; the address (and the API) keep the exclusive `to`.
  await expect(page.getByLabel("Through", { exact: true })).toHaveValue("2026-11-07");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-11-01");
  await expect(page.getByText("Nov 1 – Nov 7, 2026 (UTC)")).toBeVisible();
  await expect(page.getByText("to exclusive")).toHaveCount(0);
  await page.getByRole("button", { name: "Last month" }).click();
  await expect(page.getByRole("button", { name: "Last month" })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-01/);
});
