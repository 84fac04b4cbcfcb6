import type { z } from "zod";
import { csrfHeaders } from "./csrf";

/** A failed API call; `status` lets a view tell "not found" from "broken". */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Client-side fetch for hooks: parses the one error shape into an Error, and the body with its schema. */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: { method: string; body?: unknown }): Promise<z.infer<S>> {
  const method = init?.method ?? "GET";
  const res = await fetch(url, {
    method,
    headers: {
      accept: "application/json",
      ...(init?.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(method !== "GET" ? csrfHeaders() : {}),
    },
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { message?: string; issues?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } } } | null)?.error;
    const fields = Object.entries(error?.issues?.fieldErrors ?? {}).map(([f, m]) => `${f}: ${m.join(", ")}`);
    if (res.status === 401 && typeof window !== "undefined") window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new HttpError(res.status, [error?.message ?? `HTTP ${res.status}`, ...fields].join(" — "));
  }
  return schema.parse(body);
}
