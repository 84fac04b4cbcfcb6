import { NotBuilt } from "@/components/ui/not-built";

export default function Page() {
  return <NotBuilt title="Explore" what="Drill-down by any dimension (team, repo, feature, model, customer, trace) with filters, comparison and CSV export." />;
}
