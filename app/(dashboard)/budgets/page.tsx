import { NotBuilt } from "@/components/ui/not-built";

export default function Page() {
  return <NotBuilt title="Budgets & Forecasts" what="Budgets per team, repo or feature with thresholds, burn-down, forecasts with intervals and projected breach dates." />;
}
