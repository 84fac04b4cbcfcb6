/** The audit log as the Settings page and the API read it (app/ never imports lib/db). */
export { listAudit } from "@/lib/db/audit";
