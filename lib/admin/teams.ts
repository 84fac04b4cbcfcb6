import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/prisma";
import { ConflictError } from "@/lib/errors";

export async function addTeam(input: { slug: string; name: string }, actor: string) {
  const prisma = await db();
  if (await prisma.team.findUnique({ where: { slug: input.slug } })) throw new ConflictError(`Team "${input.slug}" already exists`);
  const team = await prisma.team.create({ data: input });
  await recordAudit({ actor, action: "team.create", entity: "team", entityId: team.id, after: input });
  return team;
}

/** Reads the routes need, from the repository (app/ never imports lib/db). */
export { listTeams } from "@/lib/db/teams";
