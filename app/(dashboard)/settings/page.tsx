import { NotBuilt } from "@/components/ui/not-built";

export default function Page() {
  return <NotBuilt title="Settings" what="Price book, ownership rules, ingest keys, users and roles." />;
}
