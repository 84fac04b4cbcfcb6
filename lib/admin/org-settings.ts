/** The organisation's calendar for routes: read and change it (lib/db/org-settings.ts keeps it, audited). */
export { getOrgSettings, updateOrgSettings } from "@/lib/db/org-settings";
