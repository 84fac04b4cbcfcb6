import type { DriverId } from "./change-decomposition";

/**
 * What each driver of a spend change means, in one place: the API, the OpenAPI document, the waterfall's
 * tooltips and the README say the same. The method is in change-decomposition.ts.
 */
export const DRIVER_INFO: Record<DriverId, { label: string; definition: string }> = {
  volume: { label: "Volume", definition: "More or fewer logical requests (a request and its retries count once), at the baseline's mix, sizes, rates and prices." },
  mix: { label: "Model mix", definition: "The share of requests going to each provider and model: moving traffic to a dearer model costs more, to a cheaper one less." },
  tokens_per_request: { label: "Tokens per request", definition: "Prompt tokens and delivered (non-reasoning) output tokens per attempt: bigger prompts or longer answers." },
  cache_rate: { label: "Cache rate", definition: "The share of prompt tokens read from (and written to) the prompt cache, at constant prices: a falling hit rate bills more tokens at the full input price." },
  reasoning: { label: "Reasoning", definition: "Reasoning tokens per delivered output token: a model that thinks more, or a move to one that thinks at all." },
  retries: { label: "Retries", definition: "Attempts per logical request: every attempt is billed, only the last one counts." },
  cancellations: { label: "Cancellations", definition: "Output billed but never delivered (cancelled calls), per delivered output token." },
  price: { label: "Price", definition: "Price-book changes: what the same tokens cost at the current against the baseline rates (also batch, service-tier and long-context rate changes within a model)." },
};
