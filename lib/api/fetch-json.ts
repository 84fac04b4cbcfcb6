import type { z } from "zod";

/** Client-side fetch for hooks: parses the one error shape into an Error, and the body with its schema. */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: { method: string; body?: unknown }): Promise<z.infer<S>> {
  const res = await fetch(url, {
    method: init?.method ?? "GET",
    headers: { accept: "application/json", ...(init?.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { message?: string; issues?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } } } | null)?.error;
    const fields = Object.entries(error?.issues?.fieldErrors ?? {}).map(([f, m]) => `${f}: ${m.join(", ")}`);
    throw new Error([error?.message ?? `HTTP ${res.status}`, ...fields].join(" — "));
  }
  return schema.parse(body);
}
