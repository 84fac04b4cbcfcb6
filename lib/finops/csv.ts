import { stringify } from "csv-stringify/browser/esm/sync";

/**
 * Every CSV the app writes goes through here, so no cell can run as a formula when the file is opened in a
 * spreadsheet (OWASP "CSV injection"): a text cell that starts with = + - @, a tab or a carriage return gets a
 * leading single quote. Plain numbers (e.g. a negative change "-1.500000000") and percentages ("-100.00%", a
 * group that spent nothing this period) are left alone: a spreadsheet reads them as numbers, never as formulas,
 * and finance needs them as numbers (a quoted "'-100.00%" shows the quote and sorts as text).
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?%?$/;

export function neutralizeCell(value: string): string {
  return DANGEROUS_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/** Rows to CSV text (quoting by csv-stringify), every cell neutralized; null and undefined are empty cells. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : neutralizeCell(String(c))))));
}
