import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { Unparseable } from "./read-body";

/**
 * Reads an NDJSON or CSV file of canonical events, batch by batch, without loading it whole.
 * CSV: a header row of canonical field names; numbers and booleans are converted; `tag.<name>` columns
 * become tags; empty cells are left out. A line that is not JSON becomes an Unparseable item.
 */
export type ImportItem = unknown;

const NUMERIC = new Set([
  "latency_ms", "ttft_ms", "input_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens",
  "output_tokens", "reasoning_tokens", "delivered_output_tokens", "attempt",
]);

/** A CSV record (header → cell) as a canonical event object. */
export function csvRecordToEvent(record: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === "") continue;
    if (k.startsWith("tag.")) tags[k.slice(4)] = v;
    else if (NUMERIC.has(k)) event[k] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    else if (k === "batch") event[k] = v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v;
    else if (k === "timestamp" && /^\d+$/.test(v)) event[k] = Number(v);
    else event[k] = v;
  }
  if (Object.keys(tags).length) event.tags = tags;
  return event;
}

export async function* readImportFile(file: string, batchSize: number): AsyncGenerator<{ items: ImportItem[]; bytes: number }> {
  let batch: ImportItem[] = [];
  let bytes = 0;
  if (/\.csv$/i.test(file)) {
    const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      batch.push(csvRecordToEvent(record));
      bytes = parser.info.bytes;
      if (batch.length >= batchSize) {
        yield { items: batch, bytes };
        batch = [];
      }
    }
  } else {
    const stream = createReadStream(file);
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      bytes += Buffer.byteLength(line) + 1;
      if (!line.trim()) continue;
      try {
        batch.push(JSON.parse(line));
      } catch (err) {
        batch.push(new Unparseable(`not valid JSON (line ${lineNo} of the file): ${(err as Error).message}`, line));
      }
      if (batch.length >= batchSize) {
        yield { items: batch, bytes };
        batch = [];
      }
    }
  }
  if (batch.length) yield { items: batch, bytes };
}
