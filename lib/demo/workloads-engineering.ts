import { ALL_REPOS, ENGINEERS, HOURS_ENGINEERS, M, REPOS, TEAM_SLUGS, WORK_ITEM_KEYS, type Model, type TeamSlug } from "./catalog";
import type { Attr, Day } from "./model-call";
import { clampInt, type Flow } from "./workload";

/** Engineering workloads: IDE completions, coding agents, CI review, dependency audits, each team's offline evals, labs prototypes. */

export const ideCompletion: Flow = {
  id: "ide-completion",
  perDay: 650,
  weekend: 0.12,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, t) {
    const who = d.engineer();
    const [ctx, gen] = d.tokens("code");
    d.call({
      t,
      model: d.rng.chance(0.6) ? M.gpt41Mini : M.geminiFlash,
      attr: { team: who.stampTeam, repo: d.rng.pick(REPOS[who.team]), feature: "code-completion", environment: "dev", service: "ide-copilot", user: who.user, trigger: "speculative" },
      trace: d.trace(),
      parent: "",
      input: Math.max(16, ctx),
      output: gen,
      cacheShare: d.share(),
      reasoning: 0,
      cancelP: 0.06,
      delivered: [0, 0.5],
    });
  },
};

function agentModel(d: Day): Model {
  return d.rng.weighted<Model>([
    [M.sonnet, 0.68],
    [M.gpt5, 0.2],
    [M.opus, 0.06],
    [M.geminiPro, 0.06],
  ] as const);
}

export const codingAgent: Flow = {
  id: "coding-agent",
  perDay: 26,
  weekend: 0.2,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, start) {
    const { rng } = d;
    const who = d.engineer();
    const key = WORK_ITEM_KEYS[who.team];
    const ticket = rng.int(1000, 1999);
    const attr: Attr = {
      team: who.stampTeam,
      repo: rng.pick(REPOS[who.team]),
      feature: "coding-agent",
      environment: "dev",
      service: "agent-runner",
      user: who.user,
      work_item: `${key}-${ticket}`,
      branch: `${who.user.split(".")[0]}/${key.toLowerCase()}-${ticket}`,
      trigger: "user",
      session_id: d.session(),
    };
    const model = agentModel(d);
    const calls = clampInt(rng.logNormal(20, 0.55), 4, 70);
    const trace = d.trace();
    let input = 12_000 + d.tokens("code")[0] * 4; // system prompt and tool schemas, then the task
    let root = "";
    let t = start;
    for (let i = 0; i < calls; i++) {
      const [ctx, gen] = d.tokens("code");
      const out = clampInt(gen * 12, 20, 6000);
      const r = d.call({ t, model, attr, trace, parent: root, input, output: out, cacheShare: i === 0 ? d.share(0.2) : d.share(0.6), ttl1h: true });
      if (!root) root = r.span;
      t = r.end + rng.int(3000, 45_000);
      input += out + Math.round(ctx * 1.5); // tool results (files read, command output)
      if (input > 170_000) input = Math.round(input * 0.35); // context compaction
    }
  },
};

export const ciPipeline: Flow = {
  id: "ci-pipeline",
  perDay: 40,
  weekend: 0.1,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, t) {
    const { rng } = d;
    const [team, repo] = rng.pick(ALL_REPOS);
    const author = rng.pick(ENGINEERS[team]);
    const pr = rng.int(100, 3000);
    const ticket = rng.int(1000, 1999);
    const base: Attr = {
      team,
      repo,
      feature: "pr-bot",
      environment: "ci",
      service: "ci-review-bot",
      user: author,
      work_item: `${WORK_ITEM_KEYS[team]}-${ticket}`,
      pull_request: `${repo}#${pr}`,
      branch: `${author.split(".")[0]}/${WORK_ITEM_KEYS[team].toLowerCase()}-${ticket}`,
      trigger: "background",
    };
    const trace = d.trace();
    const tags = { ci: "github-actions" };
    const [c0, g0] = d.tokens("code");
    const root = d.call({ t, model: M.gpt41Mini, attr: { ...base, pipeline_stage: "summary" }, trace, parent: "", input: c0 * 2 + 1500, output: clampInt(g0 * 10, 40, 1200), cacheShare: d.share(0.2), tags });
    const files = rng.int(1, 10);
    let next = root.end;
    for (let f = 0; f < files; f++) {
      const [c, g] = d.tokens("code");
      d.call({ t: root.end + rng.int(0, 2000), model: rng.chance(0.6) ? M.gpt4oMini : M.gpt5Mini, attr: { ...base, pipeline_stage: "lint" }, trace, parent: root.span, input: c * 1.2 + 400, output: clampInt(g * 4, 5, 2000), cacheShare: d.share(0.1), tags });
    }
    const tests = rng.chance(0.5) ? rng.int(1, 3) : 0;
    for (let i = 0; i < tests; i++) {
      const [c, g] = d.tokens("code");
      next = d.call({ t: next + rng.int(500, 4000), model: M.gpt41, attr: { ...base, pipeline_stage: "test-gen" }, trace, parent: root.span, input: c * 3 + 2000, output: clampInt(g * 25, 50, 6000), cacheShare: d.share(0.2), tags }).end;
    }
    const reviews = Math.min(files, 6);
    for (let i = 0; i < reviews; i++) {
      const [c, g] = d.tokens("code");
      next = d.call({
        t: next + rng.int(200, 3000),
        model: rng.chance(0.7) ? M.sonnet : M.o4Mini,
        attr: { ...base, pipeline_stage: "review" },
        trace,
        parent: root.span,
        input: c * 6 + 6000,
        output: clampInt(g * 18, 30, 4000),
        cacheShare: d.share(0.3),
        tags,
      }).end;
    }
  },
};

export const dependencyAudit: Flow = {
  id: "dependency-audit",
  perDay: ALL_REPOS.length,
  weekend: 1,
  schedule: { hour: 3, spreadMinutes: 30 },
  emit(d, t, unit) {
    const [team, repo] = ALL_REPOS[unit % ALL_REPOS.length];
    const [c, g] = d.tokens("code");
    d.call({
      t,
      model: M.gpt41Mini,
      attr: { team, repo, feature: "dependency-audit", environment: "ci", pipeline_stage: "dependency-audit", service: "ci-review-bot", trigger: "scheduled" },
      trace: d.trace(),
      parent: "",
      input: c * 2 + 3000,
      output: clampInt(g * 8, 20, 3000),
      cacheShare: d.share(0.3),
    });
  },
};

/** Each team's weekly offline eval run (environment eval, trigger eval), on its own weekday. */
const EVAL_SUITES: Record<TeamSlug, readonly [weekday: number, suite: string, repo: string]> = {
  "support-ai": [1, "support-chat-quality", "support/assistant"],
  platform: [2, "code-review-precision", "platform/ci-review-bot"],
  search: [3, "answer-groundedness", "search/rag-api"],
  growth: [4, "assistant-helpfulness", "growth/in-app-assistant"],
};
export const evalFlows: Flow[] = TEAM_SLUGS.map((team) => {
  const [weekday, suite, repo] = EVAL_SUITES[team];
  return {
    id: `evals-${team}`,
    perDay: 180,
    weekend: 1,
    weekdays: [weekday],
    schedule: { hour: 18, spreadMinutes: 240 },
    emit(d, t) {
      const [ctx, gen] = d.tokens("conv");
      const model = d.rng.weighted<Model>([
        [M.o3, 0.2],
        [M.gpt5, 0.25],
        [M.opus, 0.15],
        [M.sonnet, 0.25],
        [M.geminiPro, 0.15],
      ] as const);
      d.call({
        t,
        model,
        attr: { team, repo, feature: "offline-evals", environment: "eval", pipeline_stage: suite, service: "eval-harness", trigger: "eval" },
        trace: d.trace(),
        parent: "",
        input: 1500 + ctx * 2,
        output: clampInt(gen * 2 + 30, 10, 4000),
        cacheShare: d.share(0.3),
        batch: model[0] === "openai" && d.rng.chance(0.5),
      });
    },
  };
});

export const labsPrototype: Flow = {
  id: "labs-prototype",
  perDay: 35,
  weekend: 0.3,
  hours: HOURS_ENGINEERS,
  burst: "conv",
  emit(d, t) {
    const who = d.engineer();
    const [ctx, gen] = d.tokens("conv");
    // No team, no owned repo, and partly a model the price book does not know: unattributed and unpriced.
    d.call({
      t,
      model: d.rng.chance(0.55) ? M.unpriced : M.gpt4o,
      attr: { repo: "labs/prototype", feature: "doc-summarizer", environment: "dev", user: who.user, trigger: "user" },
      trace: d.trace(),
      parent: "",
      input: 400 + ctx * 3,
      output: clampInt(gen * 2 + 20, 10, 3000),
      cacheShare: d.share(),
    });
  },
};
