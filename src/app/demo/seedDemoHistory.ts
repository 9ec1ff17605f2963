import { isCurrentMember } from '../../engine/identity/memberStatus.ts';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { photoPath } from '../../areas/traces/photoStore.ts';
import { generateCadenceTasks } from '../../areas/tasks/generateCadenceTasks.ts';
import { reconcileTasks } from '../../areas/tasks/reconcileTasks.ts';
import { demoPng } from './demoPng.ts';

export interface DemoHistorySummary {
  activities: number;
  attendances: number;
  pointEntries: number;
  photos: number;
  briefings: number;
  problems: number;
  tasks: number;
}

/** The branch that falls behind in the demo: its records stop after June. */
export const BEHIND_BRANCH = '南塘社区党支部';

const names: Record<ActivityType, string> = {
  PARTY_CONGRESS: '支部党员大会',
  COMMITTEE_MEETING: '支委会',
  GROUP_MEETING: '党小组会',
  PARTY_LESSON: '党课',
  THEME_DAY: '主题党日',
  LIFE_MEETING: '组织生活会',
  DEMOCRATIC_REVIEW: '民主评议党员',
  HEART_TALK: '谈心谈话',
  TRAINING: '专题讲习',
};

const topics: Partial<Record<ActivityType, string[]>> = {
  THEME_DAY: [
    '重温入党誓词',
    '学习新修订的党章',
    '走访慰问困难党员',
    '清理村庄环境',
    '参观红色教育基地',
    '学习“三会一课”制度',
    '开展防汛志愿服务',
    '学习党的二十届四中全会精神',
    '垃圾分类入户宣传',
    '关爱留守儿童',
    '冬季防火安全宣传',
    '年终总结交流',
  ],
  COMMITTEE_MEETING: ['研究本月工作安排'],
  GROUP_MEETING: ['学习交流本月文件'],
  PARTY_CONGRESS: ['通报季度工作', '讨论年度工作计划', '表决发展对象', '通报党费收缴情况'],
  PARTY_LESSON: ['书记讲党课：践行初心使命', '党史专题党课', '基层治理专题党课', '作风建设专题党课'],
  HEART_TALK: ['书记与党员谈心谈话'],
  TRAINING: ['党员冬春训专题讲习'],
};

/**
 * The demo town's history of the current year up to yesterday (from the injected clock, in TZ_NAME): records of
 * every kind with attendees and attendance points (within each rule's yearly cap), 痕迹 photos, 简报 (adopted,
 * returned, waiting), manual points, problems (closed and in progress), and the year's cadence tasks, done by the
 * records or overdue. 南塘社区 stops after June: the branch that is behind. Deterministic for a given day, and
 * written in a handful of batch statements so a first start stays quick.
 */
export async function seedDemoHistory(db: Db, input: { now: Date; zone: string; dataDir: string }): Promise<DemoHistorySummary> {
  const today = DateTime.fromJSDate(input.now, { zone: input.zone }).startOf('day');
  const year = today.year;
  const orgs = await db.organization.findMany({ orderBy: { id: 'asc' } });
  const members = await db.member.findMany({ include: { roles: true }, orderBy: { id: 'asc' } });
  const rules = await db.pointRule.findMany({ where: { active: true } });
  const groups = await db.chatGroup.findMany();
  const branches = orgs.filter((o) => o.level === 'BRANCH');
  const byName = new Map(orgs.map((o) => [o.name, o]));
  const behindId = byName.get(BEHIND_BRANCH)?.id;

  interface Planned {
    organizationId: number;
    type: ActivityType;
    day: DateTime;
    topic: string;
    attendees: number[];
    hours: number | null;
    recordedById: number | null;
  }
  const planned: Planned[] = [];
  for (const [b, branch] of branches.entries()) {
    const own = members.filter((m) => m.organizationId === branch.id && isCurrentMember(m.status));
    if (own.length === 0) continue;
    const secretary = own.find((m) => m.roles.some((r) => r.role === 'SECRETARY' && r.organizationId === branch.id)) ?? own[0]!;
    const cadres = own.filter((m) => m.isCadre || m.roles.some((r) => ['SECRETARY', 'ORG_COMMITTEE'].includes(r.role)));
    const committee = cadres.length >= 2 ? cadres : own.slice(0, Math.min(3, own.length));
    // A deterministic attendance pattern: most members come, a different one or two stay away each time.
    const present = (salt: number, share: number) => own.filter((m, i) => ((i * 7 + salt * 3 + b) % 10) / 10 < share).map((m) => m.id);
    const add = (type: ActivityType, day: DateTime, topic: string, attendees: number[], hours: number | null = null) => {
      if (day >= today || day.year !== year) return;
      if (branch.id === behindId && day.month > 6) return;
      planned.push({ organizationId: branch.id, type, day, topic, attendees, hours, recordedById: secretary.id });
    };
    for (let month = 1; month <= today.month; month++) {
      const first = DateTime.fromObject({ year, month, day: 1 }, { zone: input.zone });
      const themeDay = Math.min(branch.themeDay ?? 10, first.daysInMonth!);
      add('THEME_DAY', first.set({ day: themeDay }), topics.THEME_DAY![(month - 1) % 12]!, present(month, 0.9));
      add(
        'COMMITTEE_MEETING',
        first.set({ day: 3 }),
        `${topics.COMMITTEE_MEETING![0]}（${month}月）`,
        committee.map((m) => m.id),
      );
      add('GROUP_MEETING', first.set({ day: 18 }), `${topics.GROUP_MEETING![0]}（${month}月）`, present(month + 5, 0.8));
      if (month % 3 === 0) {
        const q = month / 3;
        add('PARTY_CONGRESS', first.set({ day: 22 }), topics.PARTY_CONGRESS![q - 1]!, present(q + 11, 0.9));
        add('PARTY_LESSON', first.set({ day: 26 }), topics.PARTY_LESSON![q - 1]!, present(q + 17, 0.85), 2);
      }
    }
    add('TRAINING', DateTime.fromObject({ year, month: 3, day: 12 }, { zone: input.zone }), topics.TRAINING![0]!, present(31, 0.9), 4);
    add(
      'HEART_TALK',
      DateTime.fromObject({ year, month: 4, day: 15 }, { zone: input.zone }),
      topics.HEART_TALK![0]!,
      committee.map((m) => m.id).concat(own.slice(-2).map((m) => m.id)),
    );
  }
  planned.sort((a, b) => a.organizationId - b.organizationId || a.day.toMillis() - b.day.toMillis() || a.type.localeCompare(b.type));

  const seqOf = new Map<number, number>();
  const activityRows = planned.map((p) => {
    const seq = (seqOf.get(p.organizationId) ?? 0) + 1;
    seqOf.set(p.organizationId, seq);
    const group = groups.find((g) => g.organizationId === p.organizationId && g.purpose === 'BRANCH');
    return {
      organizationId: p.organizationId,
      year,
      seq,
      type: p.type,
      heldOn: new Date(`${p.day.toISODate()}T00:00:00Z`),
      topic: p.topic,
      expectedCount: members.filter((m) => m.organizationId === p.organizationId).length,
      presentCount: p.attendees.length,
      hours: p.hours,
      summary: `${p.topic}。`,
      recordedById: p.recordedById,
      groupId: group?.id ?? null,
      createdAt: p.day.set({ hour: 20 }).toJSDate(),
    };
  });
  const created = await db.activity.createManyAndReturn({ data: activityRows, select: { id: true, organizationId: true, seq: true } });
  const idOf = new Map(created.map((a) => [`${a.organizationId}:${a.seq}`, a.id]));
  const activityIds = activityRows.map((r) => idOf.get(`${r.organizationId}:${r.seq}`)!);

  // Attendance and points, within each rule's yearly cap, in date order (as the records would have given them).
  const attendance: { activityId: number; memberId: number; hours: number | null }[] = [];
  const points: {
    memberId: number;
    organizationId: number;
    year: number;
    ruleId: number | null;
    points: number;
    reason: string;
    sourceType: string;
    sourceId: number | null;
    idempotencyKey: string;
    createdById: number | null;
    createdAt: Date;
  }[] = [];
  const used = new Map<string, number>();
  const ruleFor = (type: ActivityType) =>
    rules.filter((r) => r.activityType === type && r.category === 'ATTENDANCE').sort((a, b) => a.code.localeCompare(b.code))[0];
  planned.forEach((p, i) => {
    const activityId = activityIds[i]!;
    const rule = ruleFor(p.type);
    for (const memberId of p.attendees) {
      attendance.push({ activityId, memberId, hours: p.hours });
      if (!rule || rule.points === 0) continue;
      const key = `${memberId}:${rule.id}`;
      const so = used.get(key) ?? 0;
      const give = rule.yearlyCap === null ? rule.points : Math.min(rule.points, Math.max(0, rule.yearlyCap - so));
      if (give <= 0) continue;
      used.set(key, so + give);
      points.push({
        memberId,
        organizationId: p.organizationId,
        year,
        ruleId: rule.id,
        points: give,
        reason: `参加${names[p.type]}（${p.day.month}月${p.day.day}日，${year}年第${activityRows[i]!.seq}号）`,
        sourceType: 'ACTIVITY',
        sourceId: activityId,
        idempotencyKey: `DEMO:attendance:${activityId}:${memberId}`,
        createdById: p.recordedById,
        createdAt: activityRows[i]!.createdAt,
      });
    }
  });
  // A few manual points: volunteers in the summer flood season, one deduction for unpaid dues.
  const volunteer = rules.find((r) => r.code === 'VOLUNTEER');
  const dues = rules.find((r) => r.code === 'DED_DUES');
  const julyDay = DateTime.fromObject({ year, month: 7, day: 20, hour: 18 }, { zone: input.zone });
  for (const branch of branches) {
    const own = members.filter((m) => m.organizationId === branch.id);
    const secretary = own.find((m) => m.roles.some((r) => r.role === 'SECRETARY'));
    if (julyDay < today && volunteer) {
      own
        .filter((_, i) => i % 3 === 0)
        .forEach((m) =>
          points.push({
            memberId: m.id,
            organizationId: branch.id,
            year,
            ruleId: volunteer.id,
            points: 3,
            reason: '志愿服务：防汛值守',
            sourceType: 'MANUAL',
            sourceId: null,
            idempotencyKey: `DEMO:manual:volunteer:${m.id}`,
            createdById: secretary?.id ?? null,
            createdAt: julyDay.toJSDate(),
          }),
        );
    }
    const last = own.at(-1);
    if (julyDay < today && dues && last) {
      points.push({
        memberId: last.id,
        organizationId: branch.id,
        year,
        ruleId: dues.id,
        points: dues.points,
        reason: '未按时交纳党费（二季度）',
        sourceType: 'MANUAL',
        sourceId: null,
        idempotencyKey: `DEMO:manual:dues:${last.id}`,
        createdById: secretary?.id ?? null,
        createdAt: julyDay.toJSDate(),
      });
    }
  }
  // Set-based inserts (one statement each, arrays as parameters): far quicker than row-by-row or createMany.
  await db.$executeRaw`
    INSERT INTO "ActivityAttendee" ("activityId", "memberId", "present", "hours")
    SELECT a, m, true, h FROM unnest(${attendance.map((x) => x.activityId)}::int[], ${attendance.map((x) => x.memberId)}::int[], ${attendance.map((x) => x.hours)}::float8[]) AS t(a, m, h)`;
  await db.$executeRaw`
    INSERT INTO "PointEntry" ("memberId", "organizationId", "year", "ruleId", "points", "reason", "sourceType", "sourceId", "idempotencyKey", "createdById", "createdAt")
    SELECT m, o, y, r, p, re, st, si, k, c, (ca::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(${points.map((x) => x.memberId)}::int[], ${points.map((x) => x.organizationId)}::int[], ${points.map((x) => x.year)}::int[],
                ${points.map((x) => x.ruleId)}::int[], ${points.map((x) => x.points)}::float8[], ${points.map((x) => x.reason)}::text[],
                ${points.map((x) => x.sourceType)}::text[], ${points.map((x) => x.sourceId)}::int[], ${points.map((x) => x.idempotencyKey)}::text[],
                ${points.map((x) => x.createdById)}::int[], ${points.map((x) => x.createdAt.toISOString())}::text[]) AS t(m, o, y, r, p, re, st, si, k, c, ca)`;

  // 痕迹: one photo for each of the last three 主题党日 of every branch with a group, posted by its liaison or secretary.
  const photoRows: {
    fileId: number;
    organizationId: number;
    uploaderId: number;
    activityId: number;
    groupId: number | null;
    caption: string;
    platform: 'SANDBOX';
    takenOn: Date;
    createdAt: Date;
  }[] = [];
  const files: { sha256: string; path: string; mimeType: string; sizeBytes: number; width: number; height: number; bytes: Buffer }[] = [];
  const themeDays = planned.map((p, i) => ({ p, i })).filter(({ p }) => p.type === 'THEME_DAY');
  for (const branch of branches) {
    const own = members.filter((m) => m.organizationId === branch.id);
    const poster = own.find((m) => m.roles.some((r) => r.role === 'LIAISON')) ?? own.find((m) => m.roles.some((r) => r.role === 'SECRETARY'));
    if (!poster) continue;
    for (const { p, i } of themeDays.filter(({ p }) => p.organizationId === branch.id).slice(-3)) {
      const bytes = demoPng(files.length + 1);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.push({ sha256, path: photoPath(sha256, 'png'), mimeType: 'image/png', sizeBytes: bytes.length, width: 32, height: 32, bytes });
      photoRows.push({
        fileId: files.length,
        organizationId: branch.id,
        uploaderId: poster.id,
        activityId: activityIds[i]!,
        groupId: activityRows[i]!.groupId,
        caption: names.THEME_DAY,
        platform: 'SANDBOX',
        takenOn: p.day.set({ hour: 10 }).toJSDate(),
        createdAt: p.day.set({ hour: 11 }).toJSDate(),
      });
    }
  }
  await Promise.all(
    files.map(async (f) => {
      const target = join(input.dataDir, f.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.bytes);
    }),
  );
  const storedFiles = await db.storedFile.createManyAndReturn({ data: files.map(({ bytes: _bytes, ...f }) => f), select: { id: true, sha256: true } });
  const fileId = new Map(storedFiles.map((f) => [f.sha256, f.id]));
  await db.tracePhoto.createMany({ data: photoRows.map((r, i) => ({ ...r, fileId: fileId.get(files[i]!.sha256)! })) });

  // 简报: adopted, returned with a reason, one waiting for review.
  const admin = members.find((m) => m.roles.some((r) => r.role === 'ADMIN'));
  const briefingPlan = [
    { org: '东湾村党支部', month: 3, title: '东湾村开展党员冬春训专题讲习', status: 'ADOPTED' as const },
    { org: '东湾村党支部', month: 7, title: '东湾村党员防汛值守显担当', status: 'ADOPTED' as const },
    { org: '青禾精密机械有限公司党支部', month: 5, title: '精密机械党支部开展“党员先锋岗”评比', status: 'RETURNED' as const },
    { org: '青禾镇机关党支部', month: 9, title: '镇机关党支部学习党的二十届四中全会精神', status: 'ADOPTED' as const },
    { org: '青禾社会组织联合党支部', month: 10, title: '社会组织联合党支部关爱留守儿童', status: 'SUBMITTED' as const },
  ];
  const briefingSeq = new Map<number, number>();
  const briefings = briefingPlan.flatMap((b) => {
    const org = byName.get(b.org);
    const day = DateTime.fromObject({ year, month: b.month, day: 16, hour: 15 }, { zone: input.zone });
    const author = members.find((m) => m.organizationId === org?.id && m.roles.some((r) => r.role === 'LIAISON' || r.role === 'SECRETARY'));
    if (!org || !author || day >= today) return [];
    const seq = (briefingSeq.get(org.id) ?? 0) + 1;
    briefingSeq.set(org.id, seq);
    const reviewed = b.status !== 'SUBMITTED';
    return [
      {
        organizationId: org.id,
        kind: 'BRIEFING' as const,
        year,
        seq,
        title: b.title,
        body: `${b.title}。活动中党员积极参与，群众反响良好。`,
        authorId: author.id,
        status: b.status,
        reviewedById: reviewed ? (admin?.id ?? null) : null,
        reviewedAt: reviewed ? day.plus({ days: 1 }).toJSDate() : null,
        returnReason: b.status === 'RETURNED' ? '请补充活动照片和参加人数，突出党员作用。' : null,
        createdAt: day.toJSDate(),
      },
    ];
  });
  await db.briefing.createMany({ data: briefings });

  // Problem ledgers: two per branch by April, one closed with a record as evidence, one in progress.
  const problemRows: {
    organizationId: number;
    year: number;
    seq: number;
    problem: string;
    cause: string;
    target: string;
    measures: string;
    deadline: Date;
    responsible: string;
    status: 'OPEN' | 'CLOSED';
    createdById: number | null;
    createdAt: Date;
    closedAt: Date | null;
    closedById: number | null;
    closingActivityId: number | null;
  }[] = [];
  const filedOn = DateTime.fromObject({ year, month: 4, day: 20, hour: 16 }, { zone: input.zone });
  if (filedOn < today) {
    for (const branch of branches) {
      const secretary = members.find((m) => m.organizationId === branch.id && m.roles.some((r) => r.role === 'SECRETARY'));
      const closing = planned.map((p, i) => ({ p, i })).find(({ p }) => p.organizationId === branch.id && p.type === 'PARTY_CONGRESS' && p.day.month === 6);
      const closes = branch.id !== behindId && closing !== undefined;
      problemRows.push({
        organizationId: branch.id,
        year,
        seq: 1,
        problem: '“三会一课”记录不够规范',
        cause: '记录人员不固定，缺少统一模板',
        target: '每次会议当天登记，要素齐全',
        measures: '统一使用支部助手登记会议记录，支委会每月检查',
        deadline: new Date(`${year}-06-30T00:00:00Z`),
        responsible: secretary?.name ?? '支部书记',
        status: closes ? 'CLOSED' : 'OPEN',
        createdById: secretary?.id ?? null,
        createdAt: filedOn.toJSDate(),
        closedAt: closes ? closing!.p.day.set({ hour: 21 }).toJSDate() : null,
        closedById: closes ? (secretary?.id ?? null) : null,
        closingActivityId: closes ? activityIds[closing!.i]! : null,
      });
      problemRows.push({
        organizationId: branch.id,
        year,
        seq: 2,
        problem: '流动党员联系服务不够经常',
        cause: '外出党员分散，联系渠道单一',
        target: '每名流动党员每季度至少联系一次',
        measures: '建立流动党员联系群，支委分片包联',
        deadline: new Date(`${year}-11-30T00:00:00Z`),
        responsible: secretary?.name ?? '支部书记',
        status: 'OPEN',
        createdById: secretary?.id ?? null,
        createdAt: filedOn.toJSDate(),
        closedAt: null,
        closedById: null,
        closingActivityId: null,
      });
    }
  }
  const problems = await db.problemEntry.createManyAndReturn({ data: problemRows, select: { id: true, status: true, createdAt: true, createdById: true } });
  await db.problemProgress.createMany({
    data: problems
      .filter((p) => p.status === 'OPEN')
      .map((p) => ({
        problemId: p.id,
        note: '已召开专题支委会研究整改，落实包联责任人',
        authorId: p.createdById,
        createdAt: new Date(p.createdAt.getTime() + 20 * 86_400_000),
      }))
      .filter((p) => p.createdAt < input.now),
  });

  // The year's cadence tasks, from the first month on: the records close most of them, the rest are overdue.
  // Each run creates the current and the next period's obligations: every other month covers them all.
  for (let month = 1; month <= today.month; month += 2) {
    const day = DateTime.fromObject({ year, month, day: 1 }, { zone: input.zone });
    await generateCadenceTasks(db, (day < today ? day : today).toISODate()!, input.zone);
  }
  await generateCadenceTasks(db, today.toISODate()!, input.zone);
  await reconcileTasks(db, input.now, input.zone);
  const tasks = await db.task.count();
  return {
    activities: activityRows.length,
    attendances: attendance.length,
    pointEntries: points.length,
    photos: photoRows.length,
    briefings: briefings.length,
    problems: problemRows.length,
    tasks,
  };
}
