import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProblemForm } from '../../../src/areas/problems/problemForm.ts';

// 1 March 2026, 00:30 in Beijing (still 28 February in UTC).
const MARCH_1 = new Date('2026-02-28T16:30:00Z');
const ZONE = 'Asia/Shanghai';
import { closeProblem, createProblem, ledgerStatusLine, resolveEvidence } from '../../../src/areas/problems/problemService.ts';
import { DEFAULT_LEDGER_RULES } from '../../../src/areas/problems/ledgerRules.ts';
import { UserError } from '../../../src/core/errors/UserError.ts';
import { seededDatabase } from '../assessment/seededDatabase.ts';

const form = (deadline = '2026-06-30') =>
  `问题：三会一课记录不规范\n原因：记录人不固定\n整改目标：每次会议都有规范记录\n措施：明确组织委员负责记录\n每月检查一次\n时限：${deadline}\n责任人：陈秀英`;

describe('problem form', () => {
  it('reads the fields, continuing a field on the next line', () => {
    expect(parseProblemForm(form(), MARCH_1, ZONE)).toEqual({
      problem: '三会一课记录不规范',
      cause: '记录人不固定',
      target: '每次会议都有规范记录',
      measures: '明确组织委员负责记录\n每月检查一次',
      deadline: '2026-06-30',
      responsible: '陈秀英',
    });
    expect(parseProblemForm(form('６月３０日'), MARCH_1, ZONE).deadline).toBe('2026-06-30');
    expect(() => parseProblemForm(form('2026年2月30日'), MARCH_1, ZONE)).toThrow(/2月只有 28 天/);
  });

  it('names every missing or wrong field in Chinese', () => {
    const error = (() => {
      try {
        parseProblemForm('问题：会议少\n时限：明年', MARCH_1, ZONE);
      } catch (e) {
        return e as UserError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UserError);
    for (const text of ['缺少「原因」', '缺少「整改目标」', '缺少「措施」', '缺少「责任人」', '「时限」应是日期']) expect(error!.message).toContain(text);
    expect(() => parseProblemForm(form('2026-01-01'), MARCH_1, ZONE)).toThrow(/已经过了/);
    // The day itself is still in time: 1 March in Beijing, though UTC says 28 February.
    expect(parseProblemForm(form('3月1日'), MARCH_1, ZONE).deadline).toBe('2026-03-01');
    // An unknown field line is refused with the list of fields, not folded into 措施.
    expect(() => parseProblemForm(`${form()}\n负责领导：张三`, MARCH_1, ZONE)).toThrow(
      /「负责领导」不是问题台账里的项目，项目可以是：问题、原因、整改目标、措施、时限、责任人/,
    );
    expect(parseProblemForm(form().replace('每月检查一次', '一是：每月检查一次'), MARCH_1, ZONE).measures).toContain('一是：每月检查一次');
  });

  it('says how the ledger stands against 2–3 entries by the due date', () => {
    expect(ledgerStatusLine(1, DEFAULT_LEDGER_RULES, 2026, '2026-03-01')).toContain('还差 1 条');
    expect(ledgerStatusLine(1, DEFAULT_LEDGER_RULES, 2026, '2026-05-01')).toContain('已过');
    expect(ledgerStatusLine(2, DEFAULT_LEDGER_RULES, 2026, '2026-05-01')).toContain('已达到');
  });
});

describe('closing a problem', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  let orgId: number;
  let secretaryId: number;
  beforeAll(async () => {
    db = await seededDatabase();
    orgId = (await db.prisma.organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    secretaryId = (await db.prisma.member.findFirstOrThrow({ where: { name: '李春生' } })).id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses to close without evidence and closes with a meeting record', async () => {
    const { entry } = await createProblem(db.prisma, {
      organizationId: orgId,
      year: 2026,
      form: parseProblemForm(form(), MARCH_1, ZONE),
      actorId: secretaryId,
    });
    const base = { organizationId: orgId, year: 2026, now: new Date('2026-05-01T02:00:00Z'), windowMinutes: 120 };
    await expect(resolveEvidence(db.prisma, { ...base, text: '' })).rejects.toThrow(/必须附整改证据/);
    await expect(resolveEvidence(db.prisma, { ...base, text: '记录 7' })).rejects.toThrow(/没有第 7 号会议记录/);
    await expect(resolveEvidence(db.prisma, { ...base, text: '刚发的照片' })).rejects.toThrow(/最近 120 分钟内本支部没有新的痕迹照片/);
    await expect(resolveEvidence(db.prisma, { ...base, text: '已经整改好了' })).rejects.toThrow(/看不懂证据/);
    expect((await db.prisma.problemEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('OPEN');
    const activity = await db.prisma.activity.create({
      data: { organizationId: orgId, year: 2026, seq: 7, type: 'COMMITTEE_MEETING', heldOn: new Date('2026-04-20T00:00:00Z'), topic: '整改专题支委会' },
    });
    const evidence = await resolveEvidence(db.prisma, { ...base, text: '记录 7' });
    await closeProblem(db.prisma, { entryId: entry.id, evidence, actorId: secretaryId, now: base.now });
    expect(await db.prisma.problemEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      status: 'CLOSED',
      closingActivityId: activity.id,
      closedById: secretaryId,
    });
    await expect(closeProblem(db.prisma, { entryId: entry.id, evidence, actorId: secretaryId, now: base.now })).rejects.toThrow(/已经销号/);
  });

  it('refuses a duplicate and a fourth open entry beyond the 2–3, and closing one (销号) frees its place', async () => {
    const make = (problem: string) => ({ ...parseProblemForm(form(), MARCH_1, ZONE), problem });
    await expect(createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('三会一课记录不规范'), actorId: secretaryId })).rejects.toThrow(
      /已经登记过了/,
    );
    // The first entry was closed in the test above: two more make two open.
    await createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('党员教育形式单一'), actorId: secretaryId });
    const third = await createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('流动党员联系不够'), actorId: secretaryId });
    expect(third).toMatchObject({ count: 3, entry: { seq: 3 } });
    const fourth = await createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('阵地管理不到位'), actorId: secretaryId });
    expect(fourth).toMatchObject({ count: 4, entry: { seq: 4 } });
    await expect(createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('第五个问题'), actorId: secretaryId })).rejects.toThrow(
      /正在整改的问题已有 3 条/,
    );
    const evidence = {
      kind: 'activity' as const,
      activityId: (await db.prisma.activity.findFirstOrThrow({ where: { organizationId: orgId, seq: 7 } })).id,
      label: '记录 7',
    };
    await closeProblem(db.prisma, { entryId: fourth.entry.id, evidence, actorId: secretaryId, now: new Date('2026-06-01T02:00:00Z') });
    expect(await createProblem(db.prisma, { organizationId: orgId, year: 2026, form: make('第五个问题'), actorId: secretaryId })).toMatchObject({
      entry: { seq: 5 },
    });
  });

  it('takes the branch’s latest photo in the window as evidence, whoever posted it, and only the branch’s own photos', async () => {
    const file = await db.prisma.storedFile.create({ data: { sha256: 'a'.repeat(64), path: 'x.jpg', mimeType: 'image/jpeg', sizeBytes: 10 } });
    const photo = await db.prisma.tracePhoto.create({
      data: { fileId: file.id, organizationId: orgId, uploaderId: secretaryId, platform: 'SANDBOX', createdAt: new Date('2026-05-01T01:30:00Z') },
    });
    const base = { organizationId: orgId, year: 2026, windowMinutes: 120 };
    expect(await resolveEvidence(db.prisma, { ...base, text: '刚发的照片', now: new Date('2026-05-01T02:00:00Z') })).toMatchObject({
      kind: 'photo',
      photoId: photo.id,
    });
    // The liaison posts a newer one (in the 联络员群): the secretary's 刚发的照片 finds it.
    const liaisonId = (await db.prisma.member.findFirstOrThrow({ where: { name: '王小燕' } })).id;
    const file2 = await db.prisma.storedFile.create({ data: { sha256: 'b'.repeat(64), path: 'y.jpg', mimeType: 'image/jpeg', sizeBytes: 10 } });
    const byLiaison = await db.prisma.tracePhoto.create({
      data: { fileId: file2.id, organizationId: orgId, uploaderId: liaisonId, platform: 'SANDBOX', createdAt: new Date('2026-05-01T01:45:00Z') },
    });
    expect(await resolveEvidence(db.prisma, { ...base, text: '刚发的照片', now: new Date('2026-05-01T02:00:00Z') })).toMatchObject({
      photoId: byLiaison.id,
      label: `照片 ${byLiaison.id}（王小燕发）`,
    });
    // Another branch's photo is not evidence here, by number or as the latest.
    const other = (await db.prisma.organization.findUniqueOrThrow({ where: { name: '南塘社区党支部' } })).id;
    const file3 = await db.prisma.storedFile.create({ data: { sha256: 'c'.repeat(64), path: 'z.jpg', mimeType: 'image/jpeg', sizeBytes: 10 } });
    const foreign = await db.prisma.tracePhoto.create({
      data: { fileId: file3.id, organizationId: other, uploaderId: liaisonId, platform: 'SANDBOX', createdAt: new Date('2026-05-01T01:55:00Z') },
    });
    expect(await resolveEvidence(db.prisma, { ...base, text: '刚发的照片', now: new Date('2026-05-01T02:00:00Z') })).toMatchObject({ photoId: byLiaison.id });
    await expect(resolveEvidence(db.prisma, { ...base, text: `照片 ${foreign.id}`, now: new Date('2026-05-01T02:00:00Z') })).rejects.toThrow(
      /这张照片是别的组织的痕迹/,
    );
    expect(await resolveEvidence(db.prisma, { ...base, text: `照片第${photo.id}号`, now: new Date('2026-05-01T02:00:00Z') })).toMatchObject({
      photoId: photo.id,
    });
    await expect(resolveEvidence(db.prisma, { ...base, text: '刚发的照片', now: new Date('2026-05-01T05:00:00Z') })).rejects.toThrow(UserError);
    expect(await resolveEvidence(db.prisma, { ...base, text: `照片 ${photo.id}`, now: new Date('2026-05-01T05:00:00Z') })).toMatchObject({ kind: 'photo' });
  });
});
