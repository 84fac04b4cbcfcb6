import { notifyBudgetsChanged } from "@/lib/budgets/check-state";
import { updateOrgSettings as saveOrgSettings, type OrgSettings } from "@/lib/db/org-settings";

/** The organisation's calendar for routes: read and change it (lib/db/org-settings.ts keeps it, audited). */
export { getOrgSettings } from "@/lib/db/org-settings";

/**
 * Saves a change of the calendar. Budget periods are cut in it (zone, first day of month and week), so the
 * decision API's in-memory state is wrong from this instant, not just old: it reloads before its next answer.
 */
export async function updateOrgSettings(patch: Partial<OrgSettings>, actor: string): Promise<OrgSettings> {
  const after = await saveOrgSettings(patch, actor);
  notifyBudgetsChanged();
  return after;
}
