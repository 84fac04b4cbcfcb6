import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { getStore, chQuery } = await import("@/lib/clickhouse/client");
const { eventCount } = await import("@/lib/clickhouse/queries/event-count");
const { StoreBusyError } = await import("@/lib/clickhouse/store-owner");

function startHolder(events: number): Promise<{ child: ChildProcess; accepted: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/hold-store.ts", String(events)], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, accepted: Number(m[1]) });
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => reject(new Error(`holder exited ${code}: ${out}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));

afterAll(() => store.cleanup());

describe("one process per embedded store", () => {
  it("a second process gets a message naming the holder, then the data survives the holder's restart", async () => {
    const { child, accepted } = await startHolder(25);
    expect(accepted).toBe(25);
    try {
      const err = await getStore("the test").then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(StoreBusyError);
      const message = (err as Error).message;
      expect(message).toContain(`in use by a test holder (pid ${child.pid}`);
      expect(message).toContain("TOKENLEDGER_DATA_DIR");
      expect(message).not.toMatch(/\n\s+at /); // a message, not a stack trace

      // Without our owner record, chDB's own lock still stops us, with the same kind of message.
      rmSync(path.join(store.dir, "clickhouse.owner.json"));
      const err2 = await getStore("the test").then(() => null, (e: unknown) => e);
      expect(err2).toBeInstanceOf(StoreBusyError);
      expect((err2 as Error).message).toContain("in use by another process");
    } finally {
      child.kill("SIGKILL");
      await stopped(child);
    }
    // The holder was killed hard; its events are on disk.
    const [{ n }] = await chQuery(eventCount, {});
    expect(n).toBe(25);
  });
});
