import { HOURS_CUSTOMERS, M, type Model } from "./catalog";
import type { Attr, Day } from "./model-call";
import { clampInt, prodAttr, type Flow } from "./workload";

/** Growth's workloads, all through the LiteLLM gateway: the in-app assistant (and Northwind's launch), campaign copy. */

const GATEWAY_TAGS = { gateway: "litellm", cost_center: "growth" };

function inAppSession(d: Day, start: number, env: string, customerOverride?: string) {
  const { rng } = d;
  const who = customerOverride ? { customer: customerOverride, user: d.endUser(customerOverride) } : prodAttr(d, env);
  const session_id = d.session();
  const turns = rng.int(1, 4);
  let history = 0;
  let t = start;
  for (let turn = 0; turn < turns; turn++) {
    const collapse = d.in("cache-collapse", t);
    const thrash = collapse && who.customer === "northwind";
    const model = rng.weighted<Model>([
      [M.haiku, 0.55],
      [M.sonnet, 0.25],
      [M.gpt41Mini, 0.2],
    ]);
    const [ctx, gen] = d.tokens("conv");
    // Requests through the legacy SDK path do not stamp a team (the gateway still tags a cost center).
    const attr: Attr = {
      team: rng.chance(0.2) ? "" : "growth",
      repo: "growth/in-app-assistant",
      feature: "in-app-assistant",
      environment: env,
      service: "assistant-api",
      trigger: "user",
      session_id,
      ...who,
    };
    let input = 6000 + history + ctx * 2;
    if (thrash) input *= 1.6; // a per-user profile now precedes the shared system prompt
    const share = thrash ? d.share() * 0.02 : collapse ? d.share(0.45) * 0.75 : d.share(0.45);
    const out = clampInt(gen * 1.2 + 20, 10, 1500);
    const trace = d.trace();
    const r = d.call({ t, model, attr, trace, parent: "", input, output: out, cacheShare: share, writeP: thrash ? 1 : 0.6, cancelP: 0.015, gatewayCost: true, tags: GATEWAY_TAGS });
    let end = r.end;
    if (rng.chance(0.3)) {
      end = d.call({ t: r.end + rng.int(200, 1500), model, attr, trace, parent: r.span, input: input + out + 400, output: clampInt(gen * 0.5 + 10, 5, 600), cacheShare: share, writeP: thrash ? 1 : 0.6, gatewayCost: true, tags: GATEWAY_TAGS }).end;
    }
    history += Math.round(ctx + out);
    t = end + rng.int(15_000, 240_000);
  }
}

export const inAppAssistant: Flow = {
  id: "in-app-assistant",
  perDay: 120,
  weekend: 0.6,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit: (d, t, _unit, env) => inAppSession(d, t, env),
};

/** Northwind's onboarding push: extra sessions, only during the cache collapse. */
export const northwindLaunch: Flow = {
  id: "northwind-launch",
  perDay: 100,
  weekend: 0.8,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  during: "cache-collapse",
  emit: (d, t) => inAppSession(d, t, "prod", "northwind"),
};

export const campaignCopy: Flow = {
  id: "campaign-copy",
  perDay: 160,
  weekend: 1,
  schedule: { hour: 1, spreadMinutes: 60 },
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    d.call({
      t,
      model: d.rng.chance(0.7) ? M.gpt41Mini : M.haiku,
      attr: { team: d.rng.chance(0.2) ? "" : "growth", repo: "growth/email-writer", feature: "campaign-copy", environment: "prod", service: "email-writer", trigger: "scheduled", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 900 + ctx * 1.5,
      output: clampInt(gen * 3 + 100, 50, 3000),
      cacheShare: d.share(0.3),
      batch: true,
      gatewayCost: true,
      tags: GATEWAY_TAGS,
    });
  },
};
