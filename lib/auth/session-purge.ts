import { Cron } from "croner";
import { purgeExpiredSessions } from "@/lib/db/sessions";
import { logger } from "@/lib/log/logger";

/**
 * Expired sessions (past 7 days, or 12 h idle) are refused when presented, but a session nobody presents
 * again would stay in the table for ever: every 15 minutes they are deleted, in-process like the alert
 * schedule (lib/alerts/schedule.ts). `protect` skips a tick while the previous one still runs.
 */
export const SESSION_PURGE_PATTERN = "*/15 * * * *";

const holder = globalThis as typeof globalThis & { __tokenledgerSessionPurge?: Cron };

/** Deletes expired sessions now; returns how many. */
export async function purgeSessionsNow(now?: Date): Promise<number> {
  const purged = await purgeExpiredSessions({ now });
  if (purged) logger.info({ purged }, "expired sessions purged");
  return purged;
}

/** Starts the schedule once per process (a second call returns the running one). */
export function startSessionPurge(pattern = SESSION_PURGE_PATTERN): Cron {
  holder.__tokenledgerSessionPurge ??= new Cron(pattern, { protect: true, timezone: "UTC", name: "session-purge" }, async () => {
    try {
      await purgeSessionsNow();
    } catch (err) {
      logger.error({ err }, "session purge failed");
    }
  });
  return holder.__tokenledgerSessionPurge;
}

export function stopSessionPurge(): void {
  holder.__tokenledgerSessionPurge?.stop();
  holder.__tokenledgerSessionPurge = undefined;
}
