import { HOURS_CUSTOMERS, M, PRIORITY_CUSTOMERS } from "./catalog";
import type { Attr } from "./model-call";
import { clampInt, prodAttr, type Flow } from "./workload";

/** Support AI's and Search's workloads: RAG answers, the support chat (with search's retrieval), ticket triage and summaries, index enrichment. */

export const ragAnswer: Flow = {
  id: "rag-answer",
  perDay: 240,
  weekend: 0.6,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit(d, t, _unit, env) {
    const { rng } = d;
    const who = prodAttr(d, env);
    const storm = d.in("retry-storm", t);
    const base: Attr = { team: "search", repo: "search/rag-api", feature: "answer", environment: env, service: "rag-api", trigger: "user", ...who };
    const trace = d.trace();
    const [ctx, gen] = d.tokens("conv");
    const root = d.call({ t, model: M.gpt41Mini, attr: { ...base, pipeline_stage: "rewrite" }, trace, parent: "", input: ctx * 0.6 + 300, output: clampInt(gen * 0.5 + 10, 8, 200), cacheShare: d.share(0.3), storm });
    const rr = d.call({ t: root.end + 20, model: M.gpt4oMini, attr: { ...base, pipeline_stage: "rerank" }, trace, parent: root.span, input: 2500 + ctx * 3, output: rng.int(40, 120), cacheShare: d.share(), storm });
    // Search migrated its answer model from gpt-4o to gpt-4.1 ten weeks before the end.
    const big = d.daysBeforeEnd > 70 ? M.gpt4o : M.gpt41;
    const model = rng.chance(0.6) ? big : M.geminiFlash;
    d.call({
      t: rr.end + 20,
      model,
      attr: { ...base, pipeline_stage: "generate" },
      trace,
      parent: root.span,
      input: 1800 + ctx * 5,
      output: clampInt(gen * 1.6 + 20, 10, 2500),
      cacheShare: d.share(0.25),
      reasoning: model === M.geminiFlash ? 0 : undefined,
      tier: model === M.gpt41 && PRIORITY_CUSTOMERS.has(who.customer) ? "priority" : "standard",
      cancelP: 0.015,
      storm,
    });
  },
};

export const supportChat: Flow = {
  id: "support-chat",
  perDay: 85,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit(d, start, _unit, env) {
    const { rng } = d;
    const who = prodAttr(d, env);
    const session_id = d.session();
    const turns = rng.weighted([
      [1, 0.35],
      [2, 0.3],
      [3, 0.2],
      [4, 0.1],
      [5, 0.05],
    ] as const);
    const base: Attr = { team: "support-ai", repo: "support/assistant", feature: "support-chat", environment: env, service: "support-assistant", trigger: "user", session_id, ...who };
    // Search executes retrieval inside support's traces: executed by search, originated by support-ai.
    const retrieval: Attr = { team: "search", repo: "search/rag-api", feature: "retrieve", environment: env, service: "rag-api", pipeline_stage: "retrieve", trigger: "user", session_id, ...who };
    let history = 0;
    let t = start;
    for (let turn = 0; turn < turns; turn++) {
      const trace = d.trace();
      const [ctx, gen] = d.tokens("conv");
      const prompt = 4000 + history + ctx * 1.5;
      const plan = d.call({ t, model: M.sonnet, attr: { ...base, pipeline_stage: "plan" }, trace, parent: "", input: prompt, output: clampInt(60 + gen * 0.4, 20, 600), cacheShare: d.share(0.45) });
      const ret = d.call({
        t: plan.end + 10,
        model: M.geminiFlash,
        attr: retrieval,
        trace,
        parent: plan.span,
        input: 1200 + ctx * 2,
        output: rng.int(30, 200),
        cacheShare: d.share(),
        reasoning: 0,
        storm: d.in("retry-storm", plan.end),
      });
      const stopTax = d.in("cancellation-tax", ret.end);
      const out = clampInt(gen * 2.5 + 40, 20, 3000);
      const ans = d.call({
        t: ret.end + 10,
        model: rng.chance(0.7) ? M.sonnet : M.gpt41,
        attr: { ...base, pipeline_stage: "answer" },
        trace,
        parent: plan.span,
        input: prompt + 6000, // plus the retrieved knowledge-base passages
        output: out,
        cacheShare: d.share(0.45),
        cancelP: stopTax ? 0.42 : 0.02,
        delivered: stopTax ? [0.03, 0.3] : [0.2, 0.9],
        alwaysReportDelivered: stopTax,
      });
      history += Math.round(ctx + out);
      t = ans.end + rng.int(20_000, 180_000);
    }
  },
};

export const ticketTriage: Flow = {
  id: "ticket-triage",
  perDay: 240,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    const blowup = d.in("reasoning-blowup", t);
    d.call({
      t,
      model: blowup ? M.o3 : M.gpt41Mini,
      attr: { team: "support-ai", repo: "support/triage", feature: "ticket-triage", environment: "prod", service: "triage-worker", trigger: "background", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 700 + ctx * 1.2,
      output: clampInt(20 + Math.min(gen, 120) * 0.3, 12, 80),
      cacheShare: d.share(0.3),
      reasoning: blowup ? clampInt(d.rng.logNormal(3200, 0.55), 400, 25_000) : 0,
    });
  },
};

export const ticketSummary: Flow = {
  id: "ticket-summary",
  perDay: 110,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    d.call({
      t,
      model: M.haiku,
      attr: { team: "support-ai", repo: "support/triage", feature: "ticket-summary", environment: "prod", service: "triage-worker", trigger: "background", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 1500 + ctx * 3,
      output: clampInt(gen * 1.5 + 50, 30, 1500),
      cacheShare: d.share(0.2),
    });
  },
};

export const indexEnrichment: Flow = {
  id: "index-enrichment",
  perDay: 200,
  weekend: 1,
  schedule: { hour: 0, spreadMinutes: 240 },
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    const flash = d.rng.chance(0.6);
    d.call({
      t,
      model: flash ? M.geminiFlash : M.o4Mini,
      attr: { team: "search", repo: "search/indexer", feature: "index-enrichment", environment: "prod", service: "indexer", trigger: "scheduled" },
      trace: d.trace(),
      parent: "",
      input: 2000 + ctx * 3,
      output: clampInt(gen * 2 + 50, 20, 3000),
      cacheShare: d.share(0.2),
      batch: flash,
      tier: flash ? undefined : "flex",
    });
  },
};
