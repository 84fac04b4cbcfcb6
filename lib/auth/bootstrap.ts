import { DEMO_TEAMS } from "@/lib/demo/catalog";
import { ensureTeams } from "@/lib/db/teams";
import { countUsers } from "@/lib/db/users";
import { addUser } from "./admin";
import type { Role } from "./roles";

/**
 * The first account. Start-up calls ensureFirstAdmin with the configured admin email and password
 * (TOKENLEDGER_ADMIN_EMAIL / TOKENLEDGER_ADMIN_PASSWORD, parsed in lib/env.ts); with the demo on and
 * no admin configured, createDemoUsers. Both do nothing once any user exists.
 */
export type FirstAdminResult =
  | { action: "created"; email: string; generatedPassword?: string }
  | { action: "skipped"; reason: "users_exist" | "not_configured" };

/**
 * With no users yet and an email given, creates that admin. Without a password, one is generated and
 * returned (print it once). A password that breaks the policy throws InvalidInputError.
 */
export async function ensureFirstAdmin(input: { email?: string; password?: string }): Promise<FirstAdminResult> {
  if ((await countUsers()) > 0) return { action: "skipped", reason: "users_exist" };
  if (!input.email?.trim()) return { action: "skipped", reason: "not_configured" };
  const { user, generatedPassword } = await addUser({ email: input.email, role: "admin", name: "Admin", password: input.password || undefined }, "bootstrap");
  return { action: "created", email: user.email, ...(generatedPassword ? { generatedPassword } : {}) };
}

export type DemoCredential = { email: string; role: Role; teams: string[]; password: string };

const DEMO_USERS: readonly { email: string; name: string; role: Role; teams: string[] }[] = [
  { email: "admin@demo.local", name: "Demo Admin", role: "admin", teams: [] },
  { email: "finance@demo.local", name: "Demo Finance", role: "finance", teams: [] },
  { email: "lead@demo.local", name: "Demo Lead (Platform)", role: "lead", teams: ["platform"] },
  { email: "viewer@demo.local", name: "Demo Viewer (Search)", role: "viewer", teams: ["search"] },
];

/**
 * Demo accounts, one per role, each with a fresh random password, only when no user exists. Returns the
 * credentials for the server to print; the passwords are stored only as hashes. Creates the demo teams
 * the lead and viewer belong to if the demo data has not yet.
 */
export async function createDemoUsers(): Promise<DemoCredential[]> {
  if ((await countUsers()) > 0) return [];
  const needed = new Set(DEMO_USERS.flatMap((u) => u.teams));
  await ensureTeams(DEMO_TEAMS.filter((t) => needed.has(t.slug)));
  const out: DemoCredential[] = [];
  for (const u of DEMO_USERS) {
    const { user, generatedPassword } = await addUser({ email: u.email, name: u.name, role: u.role, teams: u.teams }, "demo");
    out.push({ email: user.email, role: user.role, teams: user.teams, password: generatedPassword! });
  }
  return out;
}
