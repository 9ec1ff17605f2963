import { DateTime } from 'luxon';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType, OrgDomain } from '../../core/generated/prisma/enums.ts';
import { demoMemberName } from './demoOrganisation.ts';
import { cadenceRules, periodContaining } from '../../areas/tasks/cadenceObligations.ts';
import { groupBy } from '../../core/util/groupBy.ts';

/** A fictional county at the scale of domain.md §8: 925 organisations, 20,898 members. Names and numbers are made up. */
export interface CountyOptions {
  towns?: number;
  branches?: number;
  members?: number;
  /** Records, points and photos run from 1 January of this date's year up to the day before it. */
  today?: string;
  /** Share of cadence meetings actually held and recorded (the rest are missing, to give overdue work). */
  heldShare?: number;
  pointsPerMember?: number;
  photosPerBranch?: number;
  /** Leave this month's 支委会 unrecorded everywhere, so every branch has a reminder on the month's last day. */
  leaveCurrentCommitteeOpen?: boolean;
  log?: (line: string) => void;
}

export interface CountySummary {
  rootId: number;
  organizations: number;
  branches: number;
  members: number;
  activities: number;
  pointEntries: number;
  photos: number;
  groups: number;
}

/** A tiny deterministic generator, so every run builds the same county. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function inBatches<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const BATCH = 5000;

export async function generateCounty(db: Db, options: CountyOptions = {}): Promise<CountySummary> {
  const towns = options.towns ?? 24;
  const branchCount = options.branches ?? 900;
  const memberCount = options.members ?? 20_898;
  const today = DateTime.fromISO(options.today ?? '2026-11-30', { zone: 'UTC' });
  const year = today.year;
  const heldShare = options.heldShare ?? 0.9;
  const log = options.log ?? (() => undefined);
  const rnd = random(20261122);
  if ((await db.organization.count({ where: { name: '云岭县委' } })) > 0) throw new Error('the county is already in this database');

  // Organisations: 1 county 党委, `towns` 镇党委, `branchCount` 党支部 spread over the towns.
  const root = await db.organization.create({ data: { name: '云岭县委', shortName: '县委', level: 'PARTY_COMMITTEE', domain: 'ORGAN' } });
  await db.organization.createMany({
    data: Array.from({ length: towns }, (_, t) => ({
      name: `云岭县第${t + 1}镇党委`,
      shortName: `第${t + 1}镇`,
      level: 'PARTY_COMMITTEE' as const,
      domain: 'ORGAN' as const,
      parentId: root.id,
    })),
  });
  const townRows = await db.organization.findMany({ where: { parentId: root.id }, select: { id: true }, orderBy: { id: 'asc' } });
  const domains: OrgDomain[] = ['VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'ORGAN', 'ORGAN', 'NEW_TWO', 'NEW_TWO'];
  await db.organization.createMany({
    data: Array.from({ length: branchCount }, (_, b) => ({
      name: `云岭县第${(b % towns) + 1}镇第${Math.floor(b / towns) + 1}党支部`,
      level: 'BRANCH' as const,
      domain: domains[b % domains.length]!,
      parentId: townRows[b % towns]!.id,
      district: `第${(b % 4) + 1}片区`,
      themeDay: 1 + (b % 28),
    })),
  });
  const branches = await db.organization.findMany({
    where: { level: 'BRANCH', parent: { parentId: root.id } },
    select: { id: true, themeDay: true },
    orderBy: { id: 'asc' },
  });
  log(`organisations: ${1 + towns + branches.length}`);

  // Members, spread unevenly (5–45 per branch) and summing to memberCount.
  const weights = branches.map(() => 5 + rnd() * 40);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const perBranch = weights.map((w) => Math.max(3, Math.floor((w / totalWeight) * memberCount)));
  let assigned = perBranch.reduce((a, b) => a + b, 0);
  for (let i = 0; assigned < memberCount; i = (i + 1) % perBranch.length, assigned++) perBranch[i]!++;
  for (let i = 0; assigned > memberCount; i = (i + 1) % perBranch.length) {
    if (perBranch[i]! > 3) {
      perBranch[i]!--;
      assigned--;
    }
  }
  const memberRows = [];
  let index = 0;
  for (const [b, branch] of branches.entries()) {
    for (let k = 0; k < perBranch[b]!; k++) {
      index++;
      const phone = `188${String(index).padStart(8, '0')}`;
      memberRows.push({
        name: demoMemberName(index),
        phone,
        phoneLast4: phone.slice(-4),
        organizationId: branch.id,
        isCadre: k < 3,
        ratingExempt: rnd() < 0.005,
      });
    }
  }
  await inBatches(
    memberRows,
    BATCH,
    (chunk) =>
      db.$executeRaw`
      INSERT INTO "Member" ("name", "phone", "phoneLast4", "organizationId", "isCadre", "ratingExempt", "updatedAt")
      SELECT n, p, l, o, c, e, now()
      FROM unnest(${chunk.map((x) => x.name)}::text[], ${chunk.map((x) => x.phone)}::text[], ${chunk.map((x) => x.phoneLast4)}::text[],
                  ${chunk.map((x) => x.organizationId)}::int[], ${chunk.map((x) => x.isCadre)}::boolean[], ${chunk.map((x) => x.ratingExempt)}::boolean[]) AS t(n, p, l, o, c, e)`,
  );
  const members = await db.member.findMany({
    where: { organizationId: { in: branches.map((b) => b.id) } },
    select: { id: true, organizationId: true },
    orderBy: { id: 'asc' },
  });
  const membersByOrg = groupBy(
    members,
    (m) => m.organizationId,
    (m) => m.id,
  );
  const secretaries = branches.map((b) => ({ memberId: membersByOrg.get(b.id)![0]!, organizationId: b.id, role: 'SECRETARY' as const }));
  await inBatches(secretaries, BATCH, (chunk) => db.memberRole.createMany({ data: chunk }));
  log(`members: ${members.length}`);

  // One bound branch group per branch, one leading-group group for the county.
  await db.chatGroup.createMany({
    data: [
      {
        platform: 'SANDBOX' as const,
        chatId: 'county-leading',
        name: '云岭县党建领导小组群',
        organizationId: root.id,
        purpose: 'LEADING_GROUP' as const,
        boundAt: new Date(),
      },
      ...branches.map((b) => ({
        platform: 'SANDBOX' as const,
        chatId: `county-b${b.id}`,
        name: `支部群 ${b.id}`,
        organizationId: b.id,
        purpose: 'BRANCH' as const,
        boundAt: new Date(),
      })),
    ],
  });

  // A year of records: every cadence meeting of every period up to today, most of them held.
  const activityRows: {
    organizationId: number;
    year: number;
    seq: number;
    type: ActivityType;
    heldOn: Date;
    topic: string;
    expectedCount: number;
    presentCount: number;
    recordedById: number;
  }[] = [];
  const currentMonth = periodContaining('month', today.toISODate()!).label;
  for (const branch of branches) {
    let seq = 0;
    const size = membersByOrg.get(branch.id)!.length;
    for (const rule of cadenceRules) {
      for (let month = 1; month <= today.month; month += rule.every === 'month' ? 1 : rule.every === 'quarter' ? 3 : 12) {
        const period = periodContaining(rule.every, DateTime.fromObject({ year, month, day: 1 }).toISODate()!);
        if (options.leaveCurrentCommitteeOpen !== false && rule.type === 'COMMITTEE_MEETING' && period.label === currentMonth) continue;
        if (rnd() > heldShare) continue;
        const start = DateTime.fromISO(period.start, { zone: 'UTC' });
        const day = rule.type === 'THEME_DAY' ? Math.min(branch.themeDay ?? 1, start.daysInMonth!) : 1 + Math.floor(rnd() * 25);
        const held = start.set({ day: Math.min(day, start.daysInMonth!) });
        if (held >= today) continue;
        activityRows.push({
          organizationId: branch.id,
          year,
          seq: ++seq,
          type: rule.type,
          heldOn: held.toJSDate(),
          topic: '学习贯彻党的创新理论',
          expectedCount: size,
          presentCount: Math.max(1, size - Math.floor(rnd() * 3)),
          recordedById: membersByOrg.get(branch.id)![0]!,
        });
      }
    }
  }
  await inBatches(
    activityRows,
    BATCH,
    (chunk) =>
      db.$executeRaw`
      INSERT INTO "Activity" ("organizationId", "year", "seq", "type", "heldOn", "topic", "expectedCount", "presentCount", "recordedById")
      SELECT o, ${year}::int, q, ty::"ActivityType", h::date, tp, ec, pc, r
      FROM unnest(${chunk.map((x) => x.organizationId)}::int[], ${chunk.map((x) => x.seq)}::int[], ${chunk.map((x) => x.type)}::text[],
                  ${chunk.map((x) => x.heldOn.toISOString().slice(0, 10))}::text[], ${chunk.map((x) => x.topic)}::text[],
                  ${chunk.map((x) => x.expectedCount)}::int[], ${chunk.map((x) => x.presentCount)}::int[], ${chunk.map((x) => x.recordedById)}::int[])
        AS t(o, q, ty, h, tp, ec, pc, r)`,
  );
  log(`activities: ${activityRows.length}`);

  // Points: small entries through the year; a few deductions.
  const pointsPerMember = options.pointsPerMember ?? 15;
  const dayCount = Math.max(1, Math.floor(today.diff(today.startOf('year'), 'days').days));
  const yearStartMs = today.startOf('year').toMillis();
  const dayAt = (days: number) => new Date(yearStartMs + days * 86_400_000 + 10 * 3_600_000);
  const pointRows = [];
  for (const m of members) {
    const n = Math.floor(pointsPerMember * (0.5 + rnd()));
    for (let k = 0; k < n; k++) {
      const deduction = rnd() < 0.05;
      pointRows.push({
        memberId: m.id,
        organizationId: m.organizationId,
        year,
        points: deduction ? -2 : 5 + Math.floor(rnd() * 3),
        reason: deduction ? '无故缺席组织生活' : '参加组织生活',
        sourceType: 'IMPORT',
        createdAt: dayAt(Math.floor(rnd() * dayCount)),
      });
    }
  }
  // The biggest table goes in through unnest(): one statement per 20,000 rows, far faster than createMany.
  await inBatches(
    pointRows,
    20_000,
    (chunk) =>
      db.$executeRaw`
      INSERT INTO "PointEntry" ("memberId", "organizationId", "year", "points", "reason", "sourceType", "createdAt")
      SELECT m, o, ${year}::int, p, r, 'IMPORT', c::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${chunk.map((x) => x.memberId)}::int[], ${chunk.map((x) => x.organizationId)}::int[], ${chunk.map((x) => x.points)}::float8[],
                  ${chunk.map((x) => x.reason)}::text[], ${chunk.map((x) => x.createdAt.toISOString())}::text[]) AS t(m, o, p, r, c)`,
  );
  log(`point entries: ${pointRows.length}`);

  // 痕迹 photos (file rows only: the bytes are not needed to count and list them).
  const photosPerBranch = options.photosPerBranch ?? 24;
  const fileRows = [];
  for (const branch of branches)
    for (let k = 0; k < photosPerBranch; k++)
      fileRows.push({
        sha256: `${String(branch.id).padStart(8, '0')}${String(k).padStart(56, '0')}`,
        path: `photos/${branch.id}/${k}.jpg`,
        mimeType: 'image/jpeg',
        sizeBytes: 200_000 + Math.floor(rnd() * 800_000),
      });
  await inBatches(
    fileRows,
    BATCH,
    (chunk) =>
      db.$executeRaw`
      INSERT INTO "StoredFile" ("sha256", "path", "mimeType", "sizeBytes")
      SELECT h, p, m, z FROM unnest(${chunk.map((x) => x.sha256)}::text[], ${chunk.map((x) => x.path)}::text[], ${chunk.map((x) => x.mimeType)}::text[],
                                    ${chunk.map((x) => x.sizeBytes)}::int[]) AS t(h, p, m, z)`,
  );
  const files = await db.storedFile.findMany({ where: { path: { startsWith: 'photos/' } }, select: { id: true, path: true } });
  const photoRows = files.map((f) => {
    const orgId = Number(f.path.split('/')[1]);
    return {
      fileId: f.id,
      organizationId: orgId,
      uploaderId: membersByOrg.get(orgId)![0]!,
      platform: 'SANDBOX' as const,
      createdAt: dayAt(Math.floor(rnd() * dayCount)),
    };
  });
  await inBatches(
    photoRows,
    BATCH,
    (chunk) =>
      db.$executeRaw`
      INSERT INTO "TracePhoto" ("fileId", "organizationId", "uploaderId", "platform", "createdAt", "takenOn")
      SELECT f, o, u, 'SANDBOX', c::timestamptz AT TIME ZONE 'UTC', c::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${chunk.map((x) => x.fileId)}::int[], ${chunk.map((x) => x.organizationId)}::int[], ${chunk.map((x) => x.uploaderId)}::int[],
                  ${chunk.map((x) => x.createdAt.toISOString())}::text[]) AS t(f, o, u, c)`,
  );
  log(`photos: ${photoRows.length}`);

  return {
    rootId: root.id,
    organizations: 1 + towns + branches.length,
    branches: branches.length,
    members: members.length,
    activities: activityRows.length,
    pointEntries: pointRows.length,
    photos: photoRows.length,
    groups: branches.length + 1,
  };
}
