/**
 * What a page ignored from its address: every parameter value of `given` that the page's own state (`used`,
 * the query it would write for itself) does not carry, e.g. `from=2026-02-30`, `bucket=hour` on a 90-day range,
 * or a misspelt `gruop_by=repo`. A stale or hand-edited link then says what was not applied instead of
 * silently showing something else.
 */
export function ignoredParams(given: URLSearchParams, used: URLSearchParams): string[] {
  const out: string[] = [];
  for (const key of new Set(given.keys())) {
    const kept = used.getAll(key);
    for (const value of given.getAll(key)) if (!kept.includes(value)) out.push(`${key}=${value}`);
  }
  return out;
}
