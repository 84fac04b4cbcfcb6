import "server-only";
import { db } from "./prisma";

/** Who changed what, with before and after values (JSON). Every settings change goes through here. */
export async function recordAudit(entry: { actor: string; action: string; entity: string; entityId?: string; before?: unknown; after?: unknown }): Promise<void> {
  await (await db()).auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? "",
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}

export async function listAudit(limit = 200) {
  return (await db()).auditLog.findMany({ orderBy: { at: "desc" }, take: limit });
}
