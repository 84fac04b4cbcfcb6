import { NotBuilt } from "@/components/ui/not-built";

export default function Page() {
  return <NotBuilt title="Alerts" what="Anomaly alerts on spend and waste ratios (cache hit rate collapse, retry storms, reasoning blow-ups) with a link into the drill-down." />;
}
