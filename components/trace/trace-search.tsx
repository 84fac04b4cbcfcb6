"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** Opens /traces/<id> for a pasted trace_id or request_id (the page resolves which it is). */
export function TraceSearch({ initial = "" }: { initial?: string }) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const id = value.trim();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (id) router.push(`/traces/${encodeURIComponent(id)}`);
  }
  return (
    <form className="search-form" role="search" onSubmit={submit}>
      <input type="search" aria-label="trace_id or request_id" placeholder="trace_id or request_id" value={value} maxLength={200} onChange={(e) => setValue(e.target.value)} />
      <button className="button primary" disabled={!id}>Open trace</button>
    </form>
  );
}
