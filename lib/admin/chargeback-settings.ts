/** How chargeback reports are cut, for routes (lib/db/chargeback.ts keeps it, audited). */
export { getChargebackSettings, updateChargebackSettings } from "@/lib/db/chargeback";
