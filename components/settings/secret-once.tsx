"use client";

/** A just-created secret (ingest key, API token), shown once with a copy button. */
export function SecretOnce({ what, name, secret, usage, testId, onDone }: { what: string; name: string; secret: string; usage: React.ReactNode; testId: string; onDone: () => void }) {
  return (
    <div className="secret-box" role="status">
      <strong>
        {what} “{name}” created. Copy it now: it is not shown again.
      </strong>
      <code data-testid={testId}>{secret}</code>
      <span className="muted">{usage}</span>
      <div>
        <button className="button small" onClick={() => navigator.clipboard?.writeText(secret)}>Copy</button>{" "}
        <button className="button small" onClick={onDone}>Done</button>
      </div>
    </div>
  );
}
