/**
 * Provider-native `usage` objects → canonical token counts (PRODUCT.md "The data", STANDARDS.md table).
 * Pure: no I/O. Canonical convention: `input_tokens` INCLUDES cache reads and writes, `output_tokens`
 * INCLUDES reasoning; the parts (cache_read, cache_write, cache_write_1h, reasoning) are subsets.
 *
 * | shape               | input                                           | cache_read                          | cache_write (1h part)                                        | output                                  | reasoning                                  |
 * |---------------------|-------------------------------------------------|-------------------------------------|--------------------------------------------------------------|-----------------------------------------|--------------------------------------------|
 * | openai_chat         | prompt_tokens                                   | prompt_tokens_details.cached_tokens | 0                                                            | completion_tokens                       | completion_tokens_details.reasoning_tokens |
 * | openai_responses    | input_tokens                                    | input_tokens_details.cached_tokens  | 0                                                            | output_tokens                           | output_tokens_details.reasoning_tokens     |
 * | anthropic           | input_tokens + cache_read + cache_creation      | cache_read_input_tokens             | cache_creation_input_tokens (cache_creation.ephemeral_1h_…)  | output_tokens                           | 0 (thinking is inside output_tokens)       |
 * | gemini              | promptTokenCount + toolUsePromptTokenCount      | cachedContentTokenCount             | 0                                                            | candidatesTokenCount + thoughtsTokenCount | thoughtsTokenCount                       |
 * | canonical           | input_tokens                                    | 0                                   | 0                                                            | output_tokens                           | 0                                          |
 *
 * `total_tokens` / `totalTokenCount` is never read: the parts are the truth.
 *
 * Gemini notes: `promptTokenCount` already includes `cachedContentTokenCount`; `toolUsePromptTokenCount`
 * (prompt tokens of built-in tools such as Search grounding) is NOT inside `promptTokenCount`
 * (totalTokenCount = prompt + candidates + toolUsePrompt + thoughts) and is billed as input, so it is added.
 * Gemini's REST JSON omits zero-valued counts (proto3), so every Gemini count except `promptTokenCount`
 * defaults to 0. Both the REST camelCase names and the Python SDK's snake_case names
 * (`prompt_token_count`, …, wrapper `usage_metadata`) are accepted.
 *
 * Detection rule (`detectUsageShape`), on the object's own keys (a key whose value is null still counts):
 *   1. `usageMetadata` / `usage_metadata` holding an object → gemini (wrapped); any Gemini count key → gemini.
 *   2. any of `prompt_tokens`, `completion_tokens`, `completion_tokens_details` → openai_chat
 *      (`prompt_tokens_details` decides nothing: Gemini's snake_case form has a key of that name too).
 *   3. any of `cache_read_input_tokens`, `cache_creation_input_tokens`, `cache_creation` → anthropic.
 *   4. any of `input_tokens_details`, `output_tokens_details` → openai_responses.
 *   5. only `input_tokens` / `output_tokens` → canonical: an Anthropic usage without cache fields and a
 *      Responses usage without details mean the same numbers, so no choice is needed.
 *   Keys from two families (e.g. `prompt_tokens` with `input_tokens`, or Anthropic cache fields with
 *   Responses `*_details`) are ambiguous and rejected rather than guessed.
 *
 * Numbers must be JSON numbers that are non-negative whole numbers. Required counts: Chat `prompt_tokens`
 * and `completion_tokens`; Responses/Anthropic/canonical `input_tokens` and `output_tokens`; Gemini
 * `promptTokenCount`. Optional counts may be absent or null (→ 0). A part larger than its whole
 * (cached > prompt, reasoning > completion, 1h write > all writes) is rejected with the path of the part.
 */

export type UsageShape = "openai_chat" | "openai_responses" | "anthropic" | "gemini" | "canonical";

export type CanonicalTokens = {
  input_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cache_write_1h_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
};

export type UsageError = { path: string; message: string };

export type NormalizeUsageResult = { ok: true; shape: UsageShape; tokens: CanonicalTokens } | { ok: false; errors: UsageError[] };

const SHAPE_LABEL: Record<UsageShape, string> = {
  openai_chat: "OpenAI Chat Completions",
  openai_responses: "OpenAI Responses",
  anthropic: "Anthropic Messages",
  gemini: "Google Gemini usageMetadata",
  canonical: "input_tokens/output_tokens",
};

const GEMINI_KEYS = [
  "promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount", "cachedContentTokenCount", "toolUsePromptTokenCount", "totalTokenCount",
  "prompt_token_count", "candidates_token_count", "thoughts_token_count", "cached_content_token_count", "tool_use_prompt_token_count", "total_token_count",
];
// `prompt_tokens_details` is not a Chat marker: Gemini's snake_case dump has a key of the same name.
const CHAT_KEYS = ["prompt_tokens", "completion_tokens", "completion_tokens_details"];
const ANTHROPIC_KEYS = ["cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation"];
const RESPONSES_KEYS = ["input_tokens_details", "output_tokens_details"];
const IO_KEYS = ["input_tokens", "output_tokens"];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

type Classified = { ok: true; shape: UsageShape; root: Obj; prefix: string } | { ok: false; error: UsageError };

function classify(usage: unknown): Classified {
  if (!isObj(usage)) {
    const got = usage === null ? "null" : Array.isArray(usage) ? "an array" : typeof usage;
    return { ok: false, error: { path: "usage", message: `must be an object (got ${got})` } };
  }
  for (const wrapper of ["usageMetadata", "usage_metadata"]) {
    if (!has(usage, wrapper)) continue;
    const inner = usage[wrapper];
    if (!isObj(inner)) return { ok: false, error: { path: `usage.${wrapper}`, message: "must be an object" } };
    return { ok: true, shape: "gemini", root: inner, prefix: `usage.${wrapper}` };
  }
  const present = (keys: string[]) => keys.filter((k) => has(usage, k));
  const gemini = present(GEMINI_KEYS);
  const chat = present(CHAT_KEYS);
  const anthropic = present(ANTHROPIC_KEYS);
  const responses = present(RESPONSES_KEYS);
  const io = present(IO_KEYS);
  const families: [string, string[]][] = (
    [
      ["Gemini", gemini],
      ["OpenAI Chat Completions", chat],
      ["Anthropic", anthropic],
      ["OpenAI Responses", responses],
    ] as [string, string[]][]
  ).filter(([, keys]) => keys.length > 0);
  // input_tokens/output_tokens belong to Anthropic, Responses and canonical alike: they only conflict with Gemini and Chat.
  if (io.length > 0 && (gemini.length > 0 || chat.length > 0)) families.push(["input_tokens/output_tokens", io]);
  if (families.length > 1) {
    const list = families.map(([name, keys]) => `${name} (${keys.join(", ")})`).join(" and ");
    return { ok: false, error: { path: "usage", message: `ambiguous usage shape: mixes ${list}` } };
  }
  const root = usage;
  if (gemini.length) return { ok: true, shape: "gemini", root, prefix: "usage" };
  if (chat.length) return { ok: true, shape: "openai_chat", root, prefix: "usage" };
  if (anthropic.length) return { ok: true, shape: "anthropic", root, prefix: "usage" };
  if (responses.length) return { ok: true, shape: "openai_responses", root, prefix: "usage" };
  if (io.length) return { ok: true, shape: "canonical", root, prefix: "usage" };
  const keys = Object.keys(usage);
  return {
    ok: false,
    error: {
      path: "usage",
      message:
        `unknown usage shape (keys: ${keys.length ? keys.slice(0, 12).join(", ") : "none"}); expected OpenAI Chat Completions ` +
        "(prompt_tokens, completion_tokens), OpenAI Responses or Anthropic (input_tokens, output_tokens) or Gemini (promptTokenCount, candidatesTokenCount)",
    },
  };
}

/** Which provider convention a `usage` object follows (rule in the header), or null when unknown or ambiguous. */
export function detectUsageShape(usage: unknown): UsageShape | null {
  const c = classify(usage);
  return c.ok ? c.shape : null;
}

/** Reads counts from one object, collecting errors with full `usage.` paths. */
class Reader {
  readonly errors: UsageError[] = [];
  constructor(private readonly label: string) {}

  /** A token count at `obj[key]`; `required` counts report absence, optional ones default to 0. */
  count(obj: Obj, key: string, path: string, required: boolean): number {
    const v = has(obj, key) ? obj[key] : undefined;
    if (v === undefined || v === null) {
      if (required) this.errors.push({ path, message: `is missing (required in ${this.label} usage)` });
      return 0;
    }
    if (typeof v !== "number" || Number.isNaN(v)) {
      this.errors.push({ path, message: `must be a number (got ${typeof v === "string" ? `string "${v.slice(0, 40)}"` : typeof v})` });
      return 0;
    }
    if (v < 0) {
      this.errors.push({ path, message: `must not be negative (got ${v})` });
      return 0;
    }
    if (!Number.isSafeInteger(v)) {
      this.errors.push({ path, message: `must be a whole number (got ${v})` });
      return 0;
    }
    return v;
  }

  /** A nested details object: absent or null → empty; anything else that is not an object is an error. */
  details(obj: Obj, key: string, path: string): Obj {
    const v = has(obj, key) ? obj[key] : undefined;
    if (v === undefined || v === null) return {};
    if (!isObj(v)) {
      this.errors.push({ path, message: "must be an object" });
      return {};
    }
    return v;
  }

  /** First key of `keys` present on `obj` (camelCase vs snake_case), or the first as the reported name. */
  pick(obj: Obj, keys: string[]): string {
    return keys.find((k) => has(obj, k)) ?? keys[0];
  }

  notAbove(part: number, whole: number, path: string, what: string) {
    if (part > whole) this.errors.push({ path, message: `${part} is more than ${what} (${whole})` });
  }
}

/**
 * Converts a provider-native usage object to canonical token counts. Never throws. Every error names
 * the offending field under `usage.` and why it is wrong; on any error no tokens are returned.
 */
export function normalizeUsage(usage: unknown): NormalizeUsageResult {
  const c = classify(usage);
  if (!c.ok) return { ok: false, errors: [c.error] };
  const { shape, root, prefix } = c;
  const r = new Reader(SHAPE_LABEL[shape]);
  const p = (key: string) => `${prefix}.${key}`;
  let tokens: CanonicalTokens;

  switch (shape) {
    case "openai_chat": {
      const input = r.count(root, "prompt_tokens", p("prompt_tokens"), true);
      const output = r.count(root, "completion_tokens", p("completion_tokens"), true);
      const pd = r.details(root, "prompt_tokens_details", p("prompt_tokens_details"));
      const cd = r.details(root, "completion_tokens_details", p("completion_tokens_details"));
      const cached = r.count(pd, "cached_tokens", p("prompt_tokens_details.cached_tokens"), false);
      const reasoning = r.count(cd, "reasoning_tokens", p("completion_tokens_details.reasoning_tokens"), false);
      if (!r.errors.length) {
        r.notAbove(cached, input, p("prompt_tokens_details.cached_tokens"), "prompt_tokens");
        r.notAbove(reasoning, output, p("completion_tokens_details.reasoning_tokens"), "completion_tokens");
      }
      tokens = { input_tokens: input, cache_read_tokens: cached, cache_write_tokens: 0, cache_write_1h_tokens: 0, output_tokens: output, reasoning_tokens: reasoning };
      break;
    }
    case "openai_responses": {
      const input = r.count(root, "input_tokens", p("input_tokens"), true);
      const output = r.count(root, "output_tokens", p("output_tokens"), true);
      const id = r.details(root, "input_tokens_details", p("input_tokens_details"));
      const od = r.details(root, "output_tokens_details", p("output_tokens_details"));
      const cached = r.count(id, "cached_tokens", p("input_tokens_details.cached_tokens"), false);
      const reasoning = r.count(od, "reasoning_tokens", p("output_tokens_details.reasoning_tokens"), false);
      if (!r.errors.length) {
        r.notAbove(cached, input, p("input_tokens_details.cached_tokens"), "input_tokens");
        r.notAbove(reasoning, output, p("output_tokens_details.reasoning_tokens"), "output_tokens");
      }
      tokens = { input_tokens: input, cache_read_tokens: cached, cache_write_tokens: 0, cache_write_1h_tokens: 0, output_tokens: output, reasoning_tokens: reasoning };
      break;
    }
    case "anthropic": {
      const uncached = r.count(root, "input_tokens", p("input_tokens"), true);
      const output = r.count(root, "output_tokens", p("output_tokens"), true);
      const read = r.count(root, "cache_read_input_tokens", p("cache_read_input_tokens"), false);
      const hasTotalWrite = root.cache_creation_input_tokens !== undefined && root.cache_creation_input_tokens !== null;
      const totalWrite = r.count(root, "cache_creation_input_tokens", p("cache_creation_input_tokens"), false);
      const cc = r.details(root, "cache_creation", p("cache_creation"));
      const has5m = cc.ephemeral_5m_input_tokens !== undefined && cc.ephemeral_5m_input_tokens !== null;
      const w5m = r.count(cc, "ephemeral_5m_input_tokens", p("cache_creation.ephemeral_5m_input_tokens"), false);
      const w1h = r.count(cc, "ephemeral_1h_input_tokens", p("cache_creation.ephemeral_1h_input_tokens"), false);
      // cache_creation_input_tokens is the billed total; the split must agree with it when both are given.
      const write = hasTotalWrite ? totalWrite : w5m + w1h;
      if (!r.errors.length && hasTotalWrite) {
        if (w1h > write) r.notAbove(w1h, write, p("cache_creation.ephemeral_1h_input_tokens"), "cache_creation_input_tokens");
        else if (has5m && w5m + w1h !== write)
          r.errors.push({
            path: p("cache_creation"),
            message: `ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (${w5m + w1h}) must equal cache_creation_input_tokens (${write})`,
          });
      }
      tokens = { input_tokens: uncached + read + write, cache_read_tokens: read, cache_write_tokens: write, cache_write_1h_tokens: w1h, output_tokens: output, reasoning_tokens: 0 };
      break;
    }
    case "gemini": {
      const k = (camel: string, snake: string) => r.pick(root, [camel, snake]);
      const promptKey = k("promptTokenCount", "prompt_token_count");
      const prompt = r.count(root, promptKey, p(promptKey), true);
      const cachedKey = k("cachedContentTokenCount", "cached_content_token_count");
      const cached = r.count(root, cachedKey, p(cachedKey), false);
      const toolKey = k("toolUsePromptTokenCount", "tool_use_prompt_token_count");
      const toolUse = r.count(root, toolKey, p(toolKey), false);
      const candKey = k("candidatesTokenCount", "candidates_token_count");
      const candidates = r.count(root, candKey, p(candKey), false);
      const thoughtsKey = k("thoughtsTokenCount", "thoughts_token_count");
      const thoughts = r.count(root, thoughtsKey, p(thoughtsKey), false);
      if (!r.errors.length) r.notAbove(cached, prompt, p(cachedKey), promptKey);
      tokens = { input_tokens: prompt + toolUse, cache_read_tokens: cached, cache_write_tokens: 0, cache_write_1h_tokens: 0, output_tokens: candidates + thoughts, reasoning_tokens: thoughts };
      break;
    }
    case "canonical": {
      const input = r.count(root, "input_tokens", p("input_tokens"), true);
      const output = r.count(root, "output_tokens", p("output_tokens"), true);
      tokens = { input_tokens: input, cache_read_tokens: 0, cache_write_tokens: 0, cache_write_1h_tokens: 0, output_tokens: output, reasoning_tokens: 0 };
      break;
    }
  }
  if (r.errors.length) return { ok: false, errors: r.errors };
  return { ok: true, shape, tokens };
}
