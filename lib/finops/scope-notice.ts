/**
 * Teams a view filters to that the viewer may not see (a lead of `search` opening ?team=growth). The server
 * already answers only within the viewer's teams, so such a view is empty; the page says why instead of
 * "Nothing was billed". "" (unattributed spend) is outside a lead's scope too. Pure.
 */
export type ViewerScope = { all: boolean; teams: readonly string[] };

export function teamsOutOfScope(include: readonly string[] | undefined, viewer: ViewerScope): string[] {
  if (viewer.all || !include?.length) return [];
  return include.filter((t) => !viewer.teams.includes(t));
}
