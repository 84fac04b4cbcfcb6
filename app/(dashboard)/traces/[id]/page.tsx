import Link from "next/link";
import { TraceView } from "@/components/trace/trace-view";

export const dynamic = "force-dynamic";

// Page params arrive still percent-encoded (route handlers get them decoded); a malformed escape stays as sent.
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** /traces/<trace_id or request_id> */
export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const id = decoded((await params).id);
  return (
    <div className="page">
      <p className="muted"><Link href="/traces">← Traces</Link></p>
      <h1>Trace</h1>
      <TraceView id={id} />
    </div>
  );
}
