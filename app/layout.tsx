import type { Metadata } from "next";
import type { ReactNode } from "react";
import { HydrationMark } from "@/components/hydration-mark";
import "./globals.css";

export const metadata: Metadata = { title: "TokenLedger", description: "FinOps for AI/LLM spend" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
