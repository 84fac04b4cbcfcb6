import { describe, expect, it } from "vitest";
import { detectUsageShape, normalizeUsage, type CanonicalTokens } from "@/lib/ingest/provider-usage";
import { UsageEventInput } from "@/lib/schemas/event";

const tokens = (t: Partial<CanonicalTokens>): CanonicalTokens => ({
  input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, cache_write_1h_tokens: 0, output_tokens: 0, reasoning_tokens: 0, ...t,
});

function ok(usage: unknown): CanonicalTokens {
  const r = normalizeUsage(usage);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.tokens;
}
function errs(usage: unknown) {
  const r = normalizeUsage(usage);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.tokens)}`);
  return r.errors;
}

// ---- Realistic payloads, shaped as the providers' API references show them ----

/** OpenAI Chat Completions, o-series call with a cached prompt prefix and hidden reasoning. */
const openaiChat = {
  prompt_tokens: 2006,
  completion_tokens: 1843,
  total_tokens: 3849,
  prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 1472, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};

/** OpenAI Chat Completions, gpt-4o-mini without cache hits (as in the API reference example). */
const openaiChatPlain = {
  prompt_tokens: 19,
  completion_tokens: 10,
  total_tokens: 29,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};

/** OpenAI Responses API, reasoning model, second turn of a conversation (prefix cached). */
const openaiResponses = {
  input_tokens: 4825,
  input_tokens_details: { cached_tokens: 4608 },
  output_tokens: 1186,
  output_tokens_details: { reasoning_tokens: 1024 },
  total_tokens: 6011,
};

/** Anthropic Messages: first call writes a long system prompt to the 5-minute cache. */
const anthropicCacheWrite = {
  input_tokens: 21,
  cache_creation_input_tokens: 188086,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 188086, ephemeral_1h_input_tokens: 0 },
  output_tokens: 393,
  service_tier: "standard",
  server_tool_use: null,
};

/** Anthropic Messages: the next call reads it back and writes a little with a 1-hour TTL; extended thinking on. */
const anthropicCacheRead = {
  input_tokens: 3,
  cache_creation_input_tokens: 2048,
  cache_read_input_tokens: 188086,
  cache_creation: { ephemeral_5m_input_tokens: 512, ephemeral_1h_input_tokens: 1536 },
  output_tokens: 2741, // includes the thinking block
  service_tier: "standard",
  server_tool_use: { web_search_requests: 0 },
};

/** Gemini 2.5 REST response: a thinking call with an explicit context cache. */
const geminiUsageMetadata = {
  promptTokenCount: 28450,
  candidatesTokenCount: 512,
  totalTokenCount: 30342,
  cachedContentTokenCount: 24576,
  thoughtsTokenCount: 1380,
  promptTokensDetails: [{ modality: "TEXT", tokenCount: 28450 }],
  cacheTokensDetails: [{ modality: "TEXT", tokenCount: 24576 }],
  candidatesTokensDetails: [{ modality: "TEXT", tokenCount: 512 }],
};

describe("normalizeUsage: OpenAI Chat Completions", () => {
  it("keeps prompt_tokens as input (cached included) and completion_tokens as output (reasoning included)", () => {
    expect(ok(openaiChat)).toEqual(tokens({ input_tokens: 2006, cache_read_tokens: 1920, output_tokens: 1843, reasoning_tokens: 1472 }));
    expect(detectUsageShape(openaiChat)).toBe("openai_chat");
  });

  it("handles a plain call and absent or null details", () => {
    expect(ok(openaiChatPlain)).toEqual(tokens({ input_tokens: 19, output_tokens: 10 }));
    expect(ok({ prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 })).toEqual(tokens({ input_tokens: 12, output_tokens: 7 }));
    expect(ok({ prompt_tokens: 12, completion_tokens: 7, prompt_tokens_details: null, completion_tokens_details: null })).toEqual(
      tokens({ input_tokens: 12, output_tokens: 7 }),
    );
  });

  it("never trusts total_tokens over the parts", () => {
    expect(ok({ ...openaiChat, total_tokens: 999_999 }).input_tokens).toBe(2006);
    expect(ok({ ...openaiChat, total_tokens: 999_999 }).output_tokens).toBe(1843);
  });
});

describe("normalizeUsage: OpenAI Responses", () => {
  it("maps input/output with cached and reasoning details", () => {
    expect(ok(openaiResponses)).toEqual(tokens({ input_tokens: 4825, cache_read_tokens: 4608, output_tokens: 1186, reasoning_tokens: 1024 }));
    expect(detectUsageShape(openaiResponses)).toBe("openai_responses");
  });

  it("accepts only one of the details objects", () => {
    expect(ok({ input_tokens: 328, output_tokens: 52, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 380 })).toEqual(
      tokens({ input_tokens: 328, output_tokens: 52 }),
    );
  });
});

describe("normalizeUsage: Anthropic Messages", () => {
  it("adds cache writes to input (input_tokens excludes them)", () => {
    expect(ok(anthropicCacheWrite)).toEqual(tokens({ input_tokens: 21 + 188086, cache_write_tokens: 188086, output_tokens: 393 }));
    expect(detectUsageShape(anthropicCacheWrite)).toBe("anthropic");
  });

  it("adds cache reads and writes, splits the 1-hour write, keeps thinking inside output with reasoning 0", () => {
    expect(ok(anthropicCacheRead)).toEqual(
      tokens({ input_tokens: 3 + 188086 + 2048, cache_read_tokens: 188086, cache_write_tokens: 2048, cache_write_1h_tokens: 1536, output_tokens: 2741 }),
    );
  });

  it("treats null cache fields (SDK types allow null) as 0", () => {
    expect(ok({ input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: null, cache_read_input_tokens: null })).toEqual(
      tokens({ input_tokens: 1200, output_tokens: 80 }),
    );
  });

  it("derives the write total from the TTL split when cache_creation_input_tokens is absent", () => {
    expect(ok({ input_tokens: 10, output_tokens: 5, cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 700 } })).toEqual(
      tokens({ input_tokens: 1010, cache_write_tokens: 1000, cache_write_1h_tokens: 700, output_tokens: 5 }),
    );
  });

  it("accepts a 1h split without the 5m part", () => {
    expect(ok({ input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 900, cache_creation: { ephemeral_1h_input_tokens: 400 } })).toEqual(
      tokens({ input_tokens: 910, cache_write_tokens: 900, cache_write_1h_tokens: 400, output_tokens: 5 }),
    );
  });

  it("produces counts the canonical event schema accepts", () => {
    const event = { event_id: "e1", timestamp: 1_767_225_600_000, provider: "anthropic", model: "claude-sonnet-4-5", ...ok(anthropicCacheRead) };
    expect(UsageEventInput.safeParse(event).success).toBe(true);
  });
});

describe("normalizeUsage: Google Gemini", () => {
  const expected = tokens({ input_tokens: 28450, cache_read_tokens: 24576, output_tokens: 512 + 1380, reasoning_tokens: 1380 });

  it("adds thoughts to candidates (candidatesTokenCount excludes them); prompt already includes the cache", () => {
    expect(ok(geminiUsageMetadata)).toEqual(expected);
    expect(detectUsageShape(geminiUsageMetadata)).toBe("gemini");
  });

  it("accepts the usageMetadata wrapper (a whole GenerateContentResponse works too)", () => {
    expect(ok({ usageMetadata: geminiUsageMetadata })).toEqual(expected);
    expect(ok({ candidates: [{ content: { parts: [{ text: "hi" }], role: "model" }, finishReason: "STOP" }], usageMetadata: geminiUsageMetadata, modelVersion: "gemini-2.5-pro" })).toEqual(expected);
    expect(detectUsageShape({ usageMetadata: geminiUsageMetadata })).toBe("gemini");
  });

  it("treats counts omitted by proto3 JSON as 0 (a non-thinking call, a blocked response)", () => {
    expect(ok({ promptTokenCount: 11, candidatesTokenCount: 227, totalTokenCount: 238 })).toEqual(tokens({ input_tokens: 11, output_tokens: 227 }));
    expect(ok({ promptTokenCount: 42, totalTokenCount: 42 })).toEqual(tokens({ input_tokens: 42 }));
  });

  it("bills tool-use prompt tokens (grounding) as input: they are outside promptTokenCount", () => {
    // Python SDK dump (snake_case) of a Search-grounded call: total 651 = 22 + 212 + 114 + 303.
    const usage_metadata = {
      cache_tokens_details: [{ modality: "TEXT", token_count: 16 }],
      cached_content_token_count: 16,
      candidates_token_count: 212,
      candidates_tokens_details: null,
      prompt_token_count: 22,
      prompt_tokens_details: [{ modality: "TEXT", token_count: 22 }],
      thoughts_token_count: 114,
      tool_use_prompt_token_count: 303,
      tool_use_prompt_tokens_details: [{ modality: "TEXT", token_count: 303 }],
      total_token_count: 651,
      traffic_type: null,
    };
    const t = ok({ usage_metadata });
    expect(t).toEqual(tokens({ input_tokens: 325, cache_read_tokens: 16, output_tokens: 326, reasoning_tokens: 114 }));
    expect(t.input_tokens + t.output_tokens).toBe(usage_metadata.total_token_count);
    expect(ok(usage_metadata)).toEqual(t);
  });
});

describe("normalizeUsage: bare input_tokens/output_tokens", () => {
  it("is canonical-equivalent (Anthropic without cache = Responses without details)", () => {
    expect(detectUsageShape({ input_tokens: 500, output_tokens: 120 })).toBe("canonical");
    expect(ok({ input_tokens: 500, output_tokens: 120 })).toEqual(tokens({ input_tokens: 500, output_tokens: 120 }));
    expect(ok({ input_tokens: 0, output_tokens: 0 })).toEqual(tokens({}));
  });
});

describe("normalizeUsage: bad input", () => {
  it("rejects non-objects", () => {
    expect(errs(null)).toEqual([{ path: "usage", message: "must be an object (got null)" }]);
    expect(errs(undefined)[0].message).toBe("must be an object (got undefined)");
    expect(errs([1, 2])[0].message).toBe("must be an object (got an array)");
    expect(errs("100")[0].message).toBe("must be an object (got string)");
    expect(detectUsageShape(42)).toBeNull();
  });

  it("rejects unknown shapes and names the keys it saw", () => {
    const e = errs({ tokens_in: 5, tokens_out: 6 });
    expect(e).toHaveLength(1);
    expect(e[0].path).toBe("usage");
    expect(e[0].message).toMatch(/^unknown usage shape \(keys: tokens_in, tokens_out\)/);
    expect(errs({})[0].message).toMatch(/keys: none/);
    expect(detectUsageShape({ total_tokens: 10 })).toBeNull();
    // prompt_tokens_details alone decides nothing (Gemini's snake_case dump has the same key)
    expect(detectUsageShape({ prompt_tokens_details: { cached_tokens: 5 } })).toBeNull();
  });

  it("rejects ambiguous mixes instead of guessing", () => {
    const mixed = errs({ prompt_tokens: 10, completion_tokens: 5, input_tokens: 10, output_tokens: 5 });
    expect(mixed).toEqual([
      { path: "usage", message: "ambiguous usage shape: mixes OpenAI Chat Completions (prompt_tokens, completion_tokens) and input_tokens/output_tokens (input_tokens, output_tokens)" },
    ]);
    expect(errs({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 3, input_tokens_details: { cached_tokens: 3 } })[0].message).toBe(
      "ambiguous usage shape: mixes Anthropic (cache_read_input_tokens) and OpenAI Responses (input_tokens_details)",
    );
    expect(errs({ promptTokenCount: 10, input_tokens: 10, output_tokens: 2 })[0].message).toMatch(/^ambiguous usage shape: mixes Gemini/);
    expect(detectUsageShape({ prompt_tokens: 1, completion_tokens: 1, input_tokens_details: {} })).toBeNull();
  });

  it("names missing required fields per shape", () => {
    expect(errs({ prompt_tokens: 10 })).toEqual([{ path: "usage.completion_tokens", message: "is missing (required in OpenAI Chat Completions usage)" }]);
    expect(errs({ input_tokens_details: { cached_tokens: 0 }, output_tokens: 4 })).toEqual([
      { path: "usage.input_tokens", message: "is missing (required in OpenAI Responses usage)" },
    ]);
    expect(errs({ cache_read_input_tokens: 100, output_tokens: 4 })).toEqual([{ path: "usage.input_tokens", message: "is missing (required in Anthropic Messages usage)" }]);
    expect(errs({ candidatesTokenCount: 4 })).toEqual([{ path: "usage.promptTokenCount", message: "is missing (required in Google Gemini usageMetadata usage)" }]);
    expect(errs({ input_tokens: null, output_tokens: 1 })[0]).toEqual({ path: "usage.input_tokens", message: "is missing (required in input_tokens/output_tokens usage)" });
  });

  it("rejects negative, fractional and non-numeric counts with their paths", () => {
    expect(errs({ prompt_tokens: -5, completion_tokens: 3 })).toEqual([{ path: "usage.prompt_tokens", message: "must not be negative (got -5)" }]);
    expect(errs({ input_tokens: 12.5, output_tokens: 3, input_tokens_details: { cached_tokens: 0 } })).toEqual([
      { path: "usage.input_tokens", message: "must be a whole number (got 12.5)" },
    ]);
    expect(errs({ prompt_tokens: "2006", completion_tokens: 3 })).toEqual([{ path: "usage.prompt_tokens", message: 'must be a number (got string "2006")' }]);
    expect(errs({ prompt_tokens: 10, completion_tokens: Number.NaN })[0]).toEqual({ path: "usage.completion_tokens", message: "must be a number (got number)" });
    expect(errs({ prompt_tokens: 10, completion_tokens: Infinity })[0]).toEqual({ path: "usage.completion_tokens", message: "must be a whole number (got Infinity)" });
  });

  it("reports every bad field at once, including nested details", () => {
    const e = errs({ prompt_tokens: -1, completion_tokens: 2.5, prompt_tokens_details: { cached_tokens: "x" }, completion_tokens_details: { reasoning_tokens: -3 } });
    expect(e.map((x) => x.path)).toEqual([
      "usage.prompt_tokens",
      "usage.completion_tokens",
      "usage.prompt_tokens_details.cached_tokens",
      "usage.completion_tokens_details.reasoning_tokens",
    ]);
  });

  it("rejects details that are not objects", () => {
    expect(errs({ prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: 5 })).toEqual([{ path: "usage.prompt_tokens_details", message: "must be an object" }]);
    expect(errs({ input_tokens: 10, output_tokens: 2, cache_creation: "big" })).toEqual([{ path: "usage.cache_creation", message: "must be an object" }]);
    expect(errs({ usageMetadata: null })).toEqual([{ path: "usage.usageMetadata", message: "must be an object" }]);
  });

  it("rejects parts larger than their whole", () => {
    expect(errs({ ...openaiChat, prompt_tokens_details: { cached_tokens: 3000 } })).toEqual([
      { path: "usage.prompt_tokens_details.cached_tokens", message: "3000 is more than prompt_tokens (2006)" },
    ]);
    expect(errs({ ...openaiResponses, output_tokens_details: { reasoning_tokens: 2000 } })).toEqual([
      { path: "usage.output_tokens_details.reasoning_tokens", message: "2000 is more than output_tokens (1186)" },
    ]);
    expect(errs({ usageMetadata: { ...geminiUsageMetadata, cachedContentTokenCount: 30000 } })).toEqual([
      { path: "usage.usageMetadata.cachedContentTokenCount", message: "30000 is more than promptTokenCount (28450)" },
    ]);
  });

  it("rejects an Anthropic TTL split that disagrees with cache_creation_input_tokens", () => {
    expect(errs({ ...anthropicCacheRead, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 1536 } })).toEqual([
      { path: "usage.cache_creation", message: "ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (1636) must equal cache_creation_input_tokens (2048)" },
    ]);
    expect(errs({ ...anthropicCacheRead, cache_creation: { ephemeral_1h_input_tokens: 4096 } })).toEqual([
      { path: "usage.cache_creation.ephemeral_1h_input_tokens", message: "4096 is more than cache_creation_input_tokens (2048)" },
    ]);
  });

  it("uses the wrapper in error paths and the caller's key spelling", () => {
    expect(errs({ usageMetadata: { promptTokenCount: 10, thoughtsTokenCount: -2 } })).toEqual([
      { path: "usage.usageMetadata.thoughtsTokenCount", message: "must not be negative (got -2)" },
    ]);
    expect(errs({ usage_metadata: { prompt_token_count: 10, candidates_token_count: 1.5 } })).toEqual([
      { path: "usage.usage_metadata.candidates_token_count", message: "must be a whole number (got 1.5)" },
    ]);
  });
});
