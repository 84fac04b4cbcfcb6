import { NotBuilt } from "@/components/ui/not-built";

export default function Page() {
  return <NotBuilt title="Chargeback" what="Monthly per-team reports with allocation of shared and unattributed cost, period close, CSV and FOCUS export." />;
}
