import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { Nav } from "@/components/ui/nav";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <Nav />
      <main className="main">
        <Providers>{children}</Providers>
      </main>
    </div>
  );
}
