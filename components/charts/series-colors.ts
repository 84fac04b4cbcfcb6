/**
 * A stable colour per group key (a team, model, provider, …) on every chart and page: the colour follows the
 * key, not its rank, so "search" is the same orange on the overview's stack, Explore's chart and a trace.
 * Tableau 20 (pairs of a strong and a light hue; distinguishable, also for most colour-blind readers), picked
 * by a hash of the key. When two keys shown together hash to the same colour, the one later in alphabetical
 * order takes the next free colour (never rank order, which changes with the period): only then does a colour
 * depend on the company it keeps, and the same set of keys always gets the same colours.
 * Grey is reserved for "(other)", which is many groups and must not read as one.
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

/** Colours for keys drawn together (in any order): each its own colour, distinct while the palette lasts. */
export function colorsFor(keys: readonly string[], otherKey?: string): string[] {
  const taken = new Set<number>();
  const byKey = new Map<string, string>();
  for (const key of [...keys].sort()) {
    if (otherKey !== undefined && key === otherKey) continue;
    let i = hash(key) % SERIES_PALETTE.length;
    for (let probe = 0; probe < SERIES_PALETTE.length && taken.has(i); probe++) i = (i + 1) % SERIES_PALETTE.length;
    taken.add(i);
    byKey.set(key, SERIES_PALETTE[i]);
  }
  return keys.map((key) => byKey.get(key) ?? OTHER_COLOR);
}
