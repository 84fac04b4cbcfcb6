import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentPrincipal } from "@/lib/auth/current";
import { safeNext } from "@/lib/auth/safe-next";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only same-site paths: never bounce a signed-in user to another origin.
  const target = safeNext(next);
  if (await currentPrincipal()) redirect(target);
  return (
    <main className="login">
      <div className="login-card">
        <h1><span className="brand-mark" aria-hidden>◆</span> TokenLedger</h1>
        <p className="muted">Sign in to see your teams&apos; AI spend.</p>
        <LoginForm next={target} />
      </div>
    </main>
  );
}
