import { readFile } from "node:fs/promises";
import { SENSITIVITY_THRESHOLDS, type Sensitivity } from "@/lib/anomaly/detect";
import { detectCsv, SeriesInputError } from "@/lib/anomaly/series-csv";

/** `cli detect`: reads the CSV (file or stdin), never the event store or the metadata database. */
export async function detectCommand(opts: { input?: string; sensitivity?: string }): Promise<{ ok: true; output: string } | { ok: false; error: string }> {
  const sensitivity = (opts.sensitivity ?? "medium") as Sensitivity;
  if (!(sensitivity in SENSITIVITY_THRESHOLDS)) return { ok: false, error: `--sensitivity must be one of ${Object.keys(SENSITIVITY_THRESHOLDS).join(", ")} (got "${opts.sensitivity}")` };
  let text: string;
  try {
    text = opts.input ? await readFile(opts.input, "utf8") : await readStdin();
  } catch (err) {
    return { ok: false, error: `cannot read ${opts.input}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return { ok: true, output: JSON.stringify(detectCsv(text, sensitivity)) };
  } catch (err) {
    if (err instanceof SeriesInputError) return { ok: false, error: `detect: ${err.message}` };
    throw err;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
