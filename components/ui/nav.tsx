"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/overview", label: "Overview" },
  { href: "/explore", label: "Explore" },
  { href: "/chargeback", label: "Chargeback" },
  { href: "/budgets", label: "Budgets & Forecasts" },
  { href: "/alerts", label: "Alerts" },
  { href: "/settings", label: "Settings" },
] as const;

export function Nav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      <Link href="/overview" className="brand">
        <span className="brand-mark" aria-hidden>◆</span> TokenLedger
      </Link>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
