export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <div className="not-built" role="status">
        <strong>Not built yet.</strong>
        <p>{what}</p>
        <p className="muted">This page shows no numbers until the feature exists, so nothing here can be mistaken for real spend.</p>
      </div>
    </div>
  );
}
