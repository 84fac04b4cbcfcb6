import "server-only";
import { db } from "./prisma";

/** Teams, by slug. */
export async function listTeams() {
  return (await db()).team.findMany({ orderBy: { slug: "asc" } });
}

/** Creates the teams that do not exist yet (by slug); returns how many were created. */
export async function ensureTeams(teams: readonly { slug: string; name: string }[]): Promise<number> {
  const prisma = await db();
  let created = 0;
  for (const t of teams) {
    const existing = await prisma.team.findUnique({ where: { slug: t.slug } });
    if (!existing) {
      await prisma.team.create({ data: t });
      created++;
    }
  }
  return created;
}
