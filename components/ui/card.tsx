import type { ReactNode } from "react";

export function Card({ title, subtitle, children, className }: { title?: string; subtitle?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ""}`}>
      {title && (
        <header className="card-header">
          <h2>{title}</h2>
          {subtitle && <p className="muted">{subtitle}</p>}
        </header>
      )}
      {children}
    </section>
  );
}

export function StatusMessage({ kind, title, children }: { kind: "empty" | "error" | "loading"; title: string; children?: ReactNode }) {
  return (
    <div className={`status status-${kind}`} role={kind === "error" ? "alert" : "status"}>
      <strong>{title}</strong>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}
