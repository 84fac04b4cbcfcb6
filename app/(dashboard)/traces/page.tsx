import { Suspense } from "react";
import { TraceList } from "@/components/trace/trace-list";

export const dynamic = "force-dynamic";

/** /traces?from&to&tz&DIM=VALUE&exclude_DIM=VALUE: the explorer's parameters, so Explore can link here. */
export default function TracesPage() {
  return (
    <div className="page">
      <h1>Traces</h1>
      <Suspense>
        <TraceList />
      </Suspense>
    </div>
  );
}
