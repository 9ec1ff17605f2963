import type { Db } from '../../core/db/openDatabase.ts';

/** The organisation and every organisation above it, nearest first. */
export async function orgAncestors(db: Db, orgId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE up AS (
      SELECT id, "parentId", 0 AS depth FROM "Organization" WHERE id = ${orgId}
      UNION ALL
      SELECT o.id, o."parentId", up.depth + 1 FROM "Organization" o JOIN up ON o.id = up."parentId" WHERE up.depth < 20
    )
    SELECT id FROM up ORDER BY depth`;
  return rows.map((r) => Number(r.id));
}

/** The organisation and every organisation below it. */
export async function orgDescendants(db: Db, orgId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE down AS (
      SELECT id, 0 AS depth FROM "Organization" WHERE id = ${orgId}
      UNION ALL
      SELECT o.id, down.depth + 1 FROM "Organization" o JOIN down ON o."parentId" = down.id WHERE down.depth < 20
    )
    SELECT id FROM down`;
  return rows.map((r) => Number(r.id));
}
