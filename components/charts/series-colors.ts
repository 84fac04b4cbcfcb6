/**
 * A stable colour per group key (a team, model, provider, …) on every chart and page: the colour follows the
 * key, not its rank, so "search" is the same orange on the overview's stack, Explore's chart and a trace.
 * Tableau 20 (pairs of a strong and a light hue; distinguishable, also for most colour-blind readers), picked
 * by a hash of the key. When two keys shown together hash to the same colour, the one later in alphabetical
 * order takes the next free colour (never rank order, which changes with the period): only then does a colour
 * depend on the company it keeps, and the same set of keys always gets the same colours.
 * Grey is reserved for "(other)", which is many groups and must not read as one.
 *
 * Teams are the exception that makes the rule hold where it matters most: their colours are assigned once over
 * the organisation's whole team list (teamColorMap, in the dashboard's layout) and pinned, so a team keeps its
 * colour whichever teams it is drawn with (the finance view of four teams, a lead's view of one, a trace).
 */
export const SERIES_PALETTE = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#a0cbe8",
  "#ffbe7d", "#8cd17d", "#b6992d", "#499894", "#86bcb6", "#d37295", "#fabfd2", "#79706e", "#d4a6c8", "#f1ce63",
];
export const OTHER_COLOR = "#bab0ac";

/** FNV-1a: a small, well-spread string hash that is the same in every browser and on the server. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour of one key when it is drawn alone. */
export function colorOf(key: string): string {
  return SERIES_PALETTE[hash(key) % SERIES_PALETTE.length];
}

/**
 * Colours for keys drawn together (in any order): each its own colour, distinct while the palette lasts. A key
 * in `pinned` has its pinned colour whatever it is drawn with; the others avoid the pinned colours shown.
 */
export function colorsFor(keys: readonly string[], otherKey?: string, pinned?: Readonly<Record<string, string>>): string[] {
  const taken = new Set<number>();
  const byKey = new Map<string, string>();
  for (const key of keys) {
    const color = pinned && Object.hasOwn(pinned, key) ? pinned[key] : undefined;
    if (color === undefined || key === otherKey) continue;
    byKey.set(key, color);
    const i = SERIES_PALETTE.indexOf(color);
    if (i >= 0) taken.add(i);
  }
  for (const key of [...keys].sort()) {
    if ((otherKey !== undefined && key === otherKey) || byKey.has(key)) continue;
    let i = hash(key) % SERIES_PALETTE.length;
    for (let probe = 0; probe < SERIES_PALETTE.length && taken.has(i); probe++) i = (i + 1) % SERIES_PALETTE.length;
    taken.add(i);
    byKey.set(key, SERIES_PALETTE[i]);
  }
  return keys.map((key) => byKey.get(key) ?? OTHER_COLOR);
}

/**
 * The pinned colour of each team the viewer may see, assigned over every team of the organisation and the
 * empty team ("Unattributed"), so the assignment is the same for everyone and on every page. Only the viewer's
 * own teams are returned (a lead's page carries no other team's name).
 */
export function teamColorMap(allTeams: readonly string[], visible: readonly string[] | "all"): Record<string, string> {
  const universe = [...new Set(["", ...allTeams, ...(visible === "all" ? [] : visible)])];
  const colors = colorsFor(universe);
  const shown = visible === "all" ? universe : ["", ...visible];
  return Object.fromEntries(shown.map((t) => [t, colors[universe.indexOf(t)]]));
}

/**
 * A team's colour where teams are drawn one by one (a trace's timeline, a list's swatches): its pinned colour
 * (teamColorMap) as on every chart; a team without one falls back to its hash colour, unattributed to grey.
 */
export function teamColour(team: string, pinned: Readonly<Record<string, string>> = {}): string {
  return Object.hasOwn(pinned, team) ? pinned[team] : team === "" ? OTHER_COLOR : colorOf(team);
}
