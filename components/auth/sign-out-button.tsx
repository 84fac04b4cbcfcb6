"use client";

export function SignOutButton() {
  async function signOut() {
    const csrf = /(?:^|;\s*)tl_csrf=([^;]*)/.exec(document.cookie)?.[1];
    await fetch("/api/v1/auth/logout", { method: "POST", headers: csrf ? { "x-csrf-token": decodeURIComponent(csrf) } : {} });
    window.location.assign("/login");
  }
  return (
    <button className="nav-signout" onClick={signOut}>
      Sign out
    </button>
  );
}
