import { combine, type BacktestPlan, type CandidateScore } from "./backtest";

/**
 * Which candidates to forecast with, from their backtest scores. Combining the best few beats picking the
 * single best (M4: the winners were combinations): the single best on a few origins is partly luck, and
 * models err in different directions. Weights are inverse backtest MAE, so a clearly worse model counts less.
 */
/** "best": the single best; "topK": equal-weight mean; "top3_inverse": the default; "auto": whichever of best, top2, top3_inverse backtests best. */
export type Strategy = "best" | "top2" | "top3" | "top3_inverse" | "auto";
export type Ensemble = { members: string[]; weights: number[]; score: CandidateScore };

export function chooseEnsemble(scores: readonly CandidateScore[], y: readonly number[], plan: BacktestPlan, strategy: Strategy): Ensemble {
  const ranked = [...scores].sort((a, b) => a.mae - b.mae);
  const single = (s: CandidateScore): Ensemble => ({ members: [s.name], weights: [1], score: s });
  const topk = (k: number, inverse: boolean): Ensemble => {
    const m = ranked.slice(0, Math.min(k, ranked.length));
    if (m.length === 1) return single(m[0]);
    const w = m.map((s) => (inverse ? 1 / Math.max(s.mae, 1e-12) : 1));
    return { members: m.map((s) => s.name), weights: w, score: combine(m, w, y, plan) };
  };
  switch (strategy) {
    case "best":
      return single(ranked[0]);
    case "top2":
      return topk(2, false);
    case "top3":
      return topk(3, false);
    case "top3_inverse":
      return topk(3, true);
    case "auto": {
      const options = [single(ranked[0]), topk(2, false), topk(3, true)];
      return options.sort((a, b) => a.score.mae - b.score.mae)[0];
    }
  }
}
