"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { Permission } from "@/lib/auth/roles";

export type NavUser = { name: string; role: string; teams: string[]; all: boolean; permissions: Permission[] };

const NAV_ITEMS: { href: string; label: string; needs?: Permission }[] = [
  { href: "/overview", label: "Overview" },
  { href: "/explore", label: "Explore" },
  { href: "/traces", label: "Traces" },
  { href: "/chargeback", label: "Chargeback", needs: "chargeback:read" },
  { href: "/budgets", label: "Budgets & Forecasts" },
  { href: "/alerts", label: "Alerts" },
  { href: "/audit", label: "Audit log", needs: "audit:read" },
  { href: "/settings", label: "Settings", needs: "settings:read" },
];

/** Navigation. Links a role cannot use are left out for clarity; the server refuses them anyway. */
export function Nav({ user }: { user: NavUser }) {
  const pathname = usePathname();
  // Narrow screens: the items fold into a menu that lists every one of them (no hidden horizontal scroll).
  const [open, setOpen] = useState(false);
  return (
    <nav className={`nav${open ? " nav-open" : ""}`} aria-label="Main">
      <Link href="/overview" className="brand">
        <span className="brand-mark" aria-hidden>◆</span> TokenLedger
      </Link>
      <button type="button" className="nav-menu-button" aria-expanded={open} aria-controls="nav-items" onClick={() => setOpen(!open)}>
        <span aria-hidden>☰</span> Menu
      </button>
      <ul id="nav-items">
        {NAV_ITEMS.filter((i) => !i.needs || user.permissions.includes(i.needs)).map((item) => (
          <li key={item.href}>
            <Link href={item.href} onClick={() => setOpen(false)} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
      <div className="nav-user">
        <div className="truncate" title={user.name}>{user.name}</div>
        <div className="nav-role" data-testid="nav-role">
          {user.role}
          {user.all ? " · all teams" : user.teams.length ? ` · ${user.teams.join(", ")}` : " · no teams"}
        </div>
        <SignOutButton />
      </div>
    </nav>
  );
}
