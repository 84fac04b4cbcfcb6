import { parseAsString } from "nuqs/server";
import { queryWriter } from "./url-state";

/**
 * The Settings page's address: ?tab=<section id> (prices, unpriced, rules, keys, teams, users, tokens, calendar,
 * chargeback, audit). The page reads it with these parsers (an unknown or forbidden tab shows the first one
 * the caller may see) and every link to a section is written by settingsHref.
 */
export const SETTINGS_TABS = ["prices", "unpriced", "rules", "keys", "teams", "users", "tokens", "calendar", "chargeback", "audit"] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export const settingsParsers = { tab: parseAsString };
const writeSettings = queryWriter(settingsParsers);

/** `/settings?tab=…`: a section of Settings. */
export const settingsHref = (tab: SettingsTab) => `/settings?${writeSettings({ tab })}`;
