import { recordAudit } from "@/lib/db/audit";
import { createOwnershipRule, deleteOwnershipRule } from "@/lib/db/ownership-rules";
import type { z } from "zod";
import type { RuleCreate } from "@/lib/schemas/settings";

export async function addRule(input: z.infer<typeof RuleCreate>, actor: string) {
  const rule = await createOwnershipRule(input);
  await recordAudit({ actor, action: "ownership_rule.create", entity: "ownership_rule", entityId: rule.id, after: rule });
  return rule;
}

export async function removeRule(id: string, actor: string) {
  const rule = await deleteOwnershipRule(id);
  if (rule) await recordAudit({ actor, action: "ownership_rule.delete", entity: "ownership_rule", entityId: id, before: rule });
  return rule;
}

/** Reads the routes need, from the repository (app/ never imports lib/db). */
export { listOwnershipRules } from "@/lib/db/ownership-rules";
