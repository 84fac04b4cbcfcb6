import Link from "next/link";
import { TraceView } from "@/components/trace/trace-view";

export const dynamic = "force-dynamic";

/** /traces/<trace_id or request_id> */
export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="page">
      <p className="muted"><Link href="/traces">← Traces</Link></p>
      <h1>Trace</h1>
      <TraceView id={id} />
    </div>
  );
}
