import { createParser, parseAsStringLiteral } from "nuqs/server";
import { queryWriter } from "./url-state";

/**
 * The Chargeback page's address: ?period=YYYY-MM&attribution=executed|originated. Declared once: the page
 * reads it with these parsers and every link to it is written by chargebackHref.
 */
export const ATTRIBUTIONS = ["executed", "originated"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

// A real month only: ?period=2026-13 is named as not applied (and the page shows its default month).
const parseAsMonth = createParser({ parse: (v: string) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : null), serialize: (v: string) => v });
export const chargebackParsers = { period: parseAsMonth, attribution: parseAsStringLiteral(ATTRIBUTIONS) };

export type ChargebackView = { period: string; attribution: Attribution };
const writeChargeback = queryWriter(chargebackParsers);

/** `/chargeback?…` of a month and attribution. */
export const chargebackHref = (v: ChargebackView) => `/chargeback?${writeChargeback(v)}`;
