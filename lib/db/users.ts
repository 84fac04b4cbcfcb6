import "server-only";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword } from "@/lib/auth/password";
import { isRole, parseRole, type Role } from "@/lib/auth/roles";
import { db } from "./prisma";

/**
 * Users: email (normalized to lower case, unique), role, assigned teams (by slug), scrypt password hash.
 * Nothing here returns a password hash except `findUserCredentials`, which only sign-in uses.
 * Audit records are written by the callers (lib/auth/admin.ts), which know the actor.
 */
export type UserInfo = { id: string; email: string; name: string; role: Role; teams: string[]; createdAt: Date; disabledAt: Date | null };

type Prisma = Awaited<ReturnType<typeof db>>;
type UserRow = { id: string; email: string; name: string; role: string; createdAt: Date; disabledAt: Date | null; teams: { team: { slug: string } }[] };

const withTeams = { teams: { include: { team: { select: { slug: true } } } } } as const;

function toInfo(row: UserRow): UserInfo {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    // Roles are validated on every write; an unknown value read back is treated as the least privilege.
    role: isRole(row.role) ? row.role : "viewer",
    teams: row.teams.map((t) => t.team.slug).sort(),
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/** Lower case, trimmed; InvalidInputError when it does not look like an email address. */
export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(e)) throw new InvalidInputError(`"${email}" is not a valid email address`);
  return e;
}

/** Team ids for slugs; InvalidInputError naming every unknown slug. */
export async function teamIdsForSlugs(prisma: Prisma, slugs: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(slugs.map((s) => s.trim()).filter(Boolean))];
  if (wanted.length === 0) return [];
  const rows = await prisma.team.findMany({ where: { slug: { in: wanted } }, select: { id: true, slug: true } });
  const missing = wanted.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length) throw new InvalidInputError(`Unknown team${missing.length > 1 ? "s" : ""}: ${missing.map((s) => `"${s}"`).join(", ")}`);
  return rows.map((r) => r.id);
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/** Creates a user. The password must satisfy the policy; it is stored only as a scrypt hash. */
export async function createUser(input: { email: string; name?: string; role: string; password: string; teams?: readonly string[] }): Promise<UserInfo> {
  const email = normalizeEmail(input.email);
  const role = parseRole(input.role);
  assertPasswordPolicy(input.password, email);
  const prisma = await db();
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw new ConflictError(`A user with email "${email}" already exists`);
  const teamIds = await teamIdsForSlugs(prisma, input.teams ?? []);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await prisma.user.create({
      data: { email, name: input.name?.trim() ?? "", role, passwordHash, teams: { create: teamIds.map((teamId) => ({ teamId })) } },
      include: withTeams,
    });
    return toInfo(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A user with email "${email}" already exists`);
    throw err;
  }
}

/** The user with this email (any case), or null. No password hash. */
export async function findUserByEmail(email: string): Promise<UserInfo | null> {
  const row = await (await db()).user.findUnique({ where: { email: email.trim().toLowerCase() }, include: withTeams });
  return row ? toInfo(row) : null;
}

export async function findUserById(id: string): Promise<UserInfo | null> {
  const row = await (await db()).user.findUnique({ where: { id }, include: withTeams });
  return row ? toInfo(row) : null;
}

/** For sign-in only: the user and its password hash. */
export async function findUserCredentials(email: string): Promise<{ user: UserInfo; passwordHash: string } | null> {
  const row = await (await db()).user.findUnique({ where: { email: email.trim().toLowerCase() }, include: withTeams });
  return row ? { user: toInfo(row), passwordHash: row.passwordHash } : null;
}

/** Replaces a stored password hash (after a successful sign-in with outdated scrypt parameters, or a reset). */
export async function setPasswordHash(userId: string, passwordHash: string): Promise<void> {
  await (await db()).user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Every user, by email. Never password hashes. */
export async function listUsers(): Promise<UserInfo[]> {
  const rows = await (await db()).user.findMany({ include: withTeams, orderBy: { email: "asc" } });
  return rows.map(toInfo);
}

export async function countUsers(): Promise<number> {
  return (await db()).user.count();
}

async function requireUser(prisma: Prisma, userId: string) {
  const row = await prisma.user.findUnique({ where: { id: userId }, include: withTeams });
  if (!row) throw new NotFoundError("No such user");
  return row;
}

/** Refuses a change that would leave no enabled admin (nobody could manage users any more). */
async function assertAnotherAdmin(prisma: Prisma, userId: string, what: string): Promise<void> {
  const others = await prisma.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new ConflictError(`Cannot ${what} the last enabled admin: make another user admin first`);
}

/** Replaces the user's teams (slugs). Takes effect on the user's next request. */
export async function setUserTeams(userId: string, slugs: readonly string[]): Promise<UserInfo> {
  const prisma = await db();
  await requireUser(prisma, userId);
  const teamIds = await teamIdsForSlugs(prisma, slugs);
  await prisma.$transaction([
    prisma.userTeam.deleteMany({ where: { userId } }),
    prisma.userTeam.createMany({ data: teamIds.map((teamId) => ({ userId, teamId })) }),
  ]);
  return toInfo(await requireUser(prisma, userId));
}

/** Changes the role. Takes effect on the user's next request. */
export async function setUserRole(userId: string, role: string): Promise<UserInfo> {
  const next = parseRole(role);
  const prisma = await db();
  const row = await requireUser(prisma, userId);
  if (row.role === "admin" && next !== "admin" && !row.disabledAt) await assertAnotherAdmin(prisma, userId, "demote");
  return toInfo(await prisma.user.update({ where: { id: userId }, data: { role: next }, include: withTeams }));
}

/** Disables the user and ends all of its sessions. Returns false when it was already disabled. */
export async function disableUser(userId: string, now: Date = new Date()): Promise<boolean> {
  const prisma = await db();
  const row = await requireUser(prisma, userId);
  if (row.disabledAt) return false;
  if (row.role === "admin") await assertAnotherAdmin(prisma, userId, "disable");
  await prisma.$transaction([prisma.user.update({ where: { id: userId }, data: { disabledAt: now } }), prisma.session.deleteMany({ where: { userId } })]);
  return true;
}

/** Enables a disabled user again. Returns false when it was not disabled. */
export async function enableUser(userId: string): Promise<boolean> {
  const res = await (await db()).user.updateMany({ where: { id: userId, disabledAt: { not: null } }, data: { disabledAt: null } });
  return res.count > 0;
}
