"use client";
import { useState, type FormEvent } from "react";
import { Field, FormError } from "@/components/ui/form";

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const f = new FormData(e.currentTarget);
    const res = await fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: f.get("email"), password: f.get("password") }),
    }).catch(() => null);
    if (res?.ok) {
      window.location.assign(next);
      return;
    }
    const body = (await res?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(new Error(body?.error?.message ?? "Could not reach the server"));
    setPending(false);
  }
  return (
    <form className="stack" onSubmit={submit} aria-label="Sign in">
      <Field label="Email"><input name="email" type="email" autoComplete="username" required autoFocus /></Field>
      <Field label="Password"><input name="password" type="password" autoComplete="current-password" required /></Field>
      <button className="button primary" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</button>
      <FormError error={error} />
    </form>
  );
}
