export function NoAccess({ title, why }: { title: string; why: string }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <div className="not-built" role="alert">
        <strong>You do not have access to this page.</strong>
        <p>{why}</p>
      </div>
    </div>
  );
}
