import { Suspense } from "react";
import { Explorer } from "@/components/explore/explorer";

export const dynamic = "force-dynamic";

export default function ExplorePage() {
  return (
    <div className="page">
      <h1>Explore</h1>
      <Suspense>
        <Explorer />
      </Suspense>
    </div>
  );
}
