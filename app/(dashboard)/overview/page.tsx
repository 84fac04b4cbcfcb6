import { OverviewPanel } from "@/components/overview/overview-panel";

export const dynamic = "force-dynamic";

export default function OverviewPage() {
  return (
    <div className="page">
      <h1>Overview</h1>
      <OverviewPanel />
    </div>
  );
}
