"use client";
import { csrfHeaders } from "@/lib/api/csrf";

export function SignOutButton() {
  async function signOut() {
    await fetch("/api/v1/auth/logout", { method: "POST", headers: csrfHeaders() });
    window.location.assign("/login");
  }
  return (
    <button className="nav-signout" onClick={signOut}>
      Sign out
    </button>
  );
}
