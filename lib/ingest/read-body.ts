import { gunzipSync } from "node:zlib";
import { InvalidInputError, LimitError } from "@/lib/errors";
import { INGEST_LIMITS } from "./limits";

/** A request item that is not even JSON: rejected with its position, like any invalid event. */
export class Unparseable {
  constructor(
    readonly message: string,
    /** The text as received, so it can be forwarded unchanged (CLI import through the API). */
    readonly raw = "",
  ) {}
}

async function readCapped(request: Request, cap: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > cap) throw new LimitError(`Body is ${declared} bytes; the limit is ${cap} bytes (maxBodyBytes)`);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new LimitError(`Body exceeds the limit of ${cap} bytes (maxBodyBytes)`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Reads the raw body bytes, gunzipping when Content-Encoding says gzip; enforces both size limits. */
export async function readBodyBytes(request: Request): Promise<Buffer> {
  const raw = await readCapped(request, INGEST_LIMITS.maxBodyBytes);
  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase().trim();
  if (encoding === "identity" || encoding === "") return raw;
  if (encoding !== "gzip") throw new InvalidInputError(`Content-Encoding "${encoding}" is not supported (use gzip or none)`);
  try {
    return gunzipSync(raw, { maxOutputLength: INGEST_LIMITS.maxDecompressedBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new LimitError(`Decompressed body exceeds ${INGEST_LIMITS.maxDecompressedBytes} bytes (maxDecompressedBytes)`);
    throw new InvalidInputError("Body is not valid gzip data");
  }
}

/** Decodes bytes as strict UTF-8. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError("Body is not valid UTF-8");
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // RangeError: nesting deep enough to exhaust the parser's stack.
    const reason = err instanceof RangeError ? "nested too deeply" : (err as Error).message;
    throw new InvalidInputError(`${what} is not valid JSON: ${reason}`);
  }
}

/**
 * The events of a request: a JSON array (application/json) or one JSON object per line
 * (application/x-ndjson). An NDJSON line that is not JSON becomes an Unparseable item at its position,
 * so the other lines still count.
 */
export async function readEvents(request: Request): Promise<unknown[]> {
  const contentType = (request.headers.get("content-type") ?? "application/json").split(";")[0].trim().toLowerCase();
  const text = decodeUtf8(await readBodyBytes(request));
  let items: unknown[];
  if (contentType === "application/x-ndjson" || contentType === "application/jsonl" || contentType === "application/ndjson") {
    items = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      try {
        items.push(JSON.parse(line));
      } catch (err) {
        items.push(new Unparseable(`not valid JSON (line ${i + 1} of the body): ${err instanceof RangeError ? "nested too deeply" : (err as Error).message}`, line));
      }
      if (items.length > INGEST_LIMITS.maxEvents) break;
    }
  } else if (contentType === "application/json") {
    const body = parseJson(text, "Body");
    if (!Array.isArray(body)) throw new InvalidInputError("Body must be a JSON array of events (or NDJSON with Content-Type: application/x-ndjson)");
    items = body;
  } else {
    throw new InvalidInputError(`Content-Type "${contentType}" is not supported (application/json or application/x-ndjson)`);
  }
  if (items.length > INGEST_LIMITS.maxEvents)
    throw new LimitError(`More than ${INGEST_LIMITS.maxEvents} events in one request (maxEvents); split the batch`);
  // Otherwise the answer was a bare 400 with empty lists: nothing said what was wrong.
  if (items.length === 0) throw new InvalidInputError("The body holds no events: send a JSON array of at least one event (or NDJSON, one event per line)");
  return items;
}
