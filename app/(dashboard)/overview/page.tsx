import { Suspense } from "react";
import { OverviewPanel } from "@/components/overview/overview-panel";
import { StatusMessage } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export default function OverviewPage() {
  return (
    <div className="page">
      <h1>Overview</h1>
      {/* useSearchParams (the period lives in the URL) needs a Suspense boundary. */}
      <Suspense fallback={<StatusMessage kind="loading" title="Loading spend…" />}>
        <OverviewPanel />
      </Suspense>
    </div>
  );
}
