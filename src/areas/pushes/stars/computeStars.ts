import type { Db } from '../../../core/db/openDatabase.ts';
import { rateYear, type YearRating } from '../../points/yearRating.ts';

/**
 * A year's rating (src/areas/points/yearRating.ts), stored: MemberStar for every rated member and BranchStar for
 * every rated branch (score, stars, computedAt; publishedAt left alone), in a few statements. Rows of members and
 * branches that are not rated (未评定) are removed, so a stored 0 always means a rated 无星.
 */
export async function computeStars(db: Db, year: number, now: Date, zone: string): Promise<YearRating> {
  const rating = await rateYear(db, year, now, zone);
  const rated = rating.members.filter((m) => m.unrated === null);
  const at = now.toISOString();
  await db.$executeRaw`DELETE FROM "MemberStar" WHERE year = ${year} AND NOT ("memberId" = ANY(${rated.map((r) => r.memberId)}::int[]))`;
  for (let i = 0; i < rated.length; i += 5000) {
    const chunk = rated.slice(i, i + 5000);
    await db.$executeRaw`
      INSERT INTO "MemberStar" ("memberId", "organizationId", "year", "score", "stars", "computedAt")
      SELECT m, o, ${year}::int, s, st, (${at}::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${chunk.map((r) => r.memberId)}::int[], ${chunk.map((r) => r.organizationId)}::int[],
                  ${chunk.map((r) => r.score)}::float8[], ${chunk.map((r) => r.stars)}::int[]) AS t(m, o, s, st)
      ON CONFLICT ("memberId", "year") DO UPDATE
        SET "score" = EXCLUDED."score", "stars" = EXCLUDED."stars", "organizationId" = EXCLUDED."organizationId", "computedAt" = EXCLUDED."computedAt"`;
  }
  const rows = rating.branches;
  await db.$executeRaw`DELETE FROM "BranchStar" WHERE year = ${year} AND NOT ("organizationId" = ANY(${rows.map((r) => r.organizationId)}::int[]))`;
  if (rows.length > 0) {
    await db.$executeRaw`
      INSERT INTO "BranchStar" ("organizationId", "year", "score", "stars", "computedAt")
      SELECT o, ${year}::int, s, st, (${at}::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${rows.map((r) => r.organizationId)}::int[], ${rows.map((r) => r.score)}::float8[], ${rows.map((r) => r.stars)}::int[]) AS t(o, s, st)
      ON CONFLICT ("organizationId", "year") DO UPDATE
        SET "score" = EXCLUDED."score", "stars" = EXCLUDED."stars", "computedAt" = EXCLUDED."computedAt"`;
  }
  return rating;
}
