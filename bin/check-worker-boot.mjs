// The decision worker's entry (bin/serve.ts starts it). On Node 20 a worker thread does not inherit the parent's
// `--import tsx` loader, so it registers the TypeScript loader itself before loading the worker.
import { register } from "tsx/esm/api";

register();
await import("./check-worker.ts");
