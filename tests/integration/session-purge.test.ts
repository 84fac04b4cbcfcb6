import { afterAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * Expired sessions are deleted by a schedule, not only at boot or when presented: the real croner job over
 * the real SQLite store, here ticking every second instead of every 15 minutes.
 */
const store = useTempStore();
const { db } = await import("@/lib/db/prisma");
const users = await import("@/lib/db/users");
const sessions = await import("@/lib/db/sessions");
const { startSessionPurge, stopSessionPurge, SESSION_PURGE_PATTERN } = await import("@/lib/auth/session-purge");

afterAll(async () => {
  stopSessionPurge();
  await store.cleanup();
});

const HOUR = 3_600_000;
const exists = async (token: string) => (await (await db()).session.findUnique({ where: { id: sessions.sessionIdOf(token) } })) !== null;

describe("session purge schedule", () => {
  it("runs every 15 minutes by default", () => {
    const job = startSessionPurge();
    const next = job.nextRun()!;
    expect(next.getUTCMinutes() % 15).toBe(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(SESSION_PURGE_PATTERN).toBe("*/15 * * * *");
    stopSessionPurge();
  });

  it("deletes sessions past their absolute or idle limit on its own, and keeps live ones", async () => {
    const u = await users.createUser({ email: "purge@example.com", role: "viewer", password: "a long enough password" });
    const now = Date.now();
    const absolute = await sessions.createSession(u.id, { now: new Date(now - sessions.SESSION_ABSOLUTE_MS - HOUR) });
    const idle = await sessions.createSession(u.id, { now: new Date(now - sessions.SESSION_IDLE_MS - HOUR) });
    const live = await sessions.createSession(u.id, { now: new Date(now - HOUR) });
    for (const s of [absolute, idle, live]) expect(await exists(s.token)).toBe(true);

    startSessionPurge("* * * * * *");
    const deadline = Date.now() + 10_000;
    while ((await exists(absolute.token)) || (await exists(idle.token))) {
      expect(Date.now(), "the schedule did not purge within 10 s").toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await exists(live.token)).toBe(true);
    stopSessionPurge();
  });
});
