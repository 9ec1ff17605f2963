import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLedgerWorkbook, SHEETS } from '../../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { acceptProposals, startAssessment } from '../../../src/areas/assessment/assessmentService.ts';
import { parsePeriod } from '../../../src/areas/assessment/period.ts';
import { seededDatabase } from '../assessment/seededDatabase.ts';
import { programmeProgress } from '../../../src/areas/programmes/programmeProgress.ts';

describe('ledger export', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  let orgId: number;
  beforeAll(async () => {
    db = await seededDatabase();
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { name: '东湾村党支部' }, include: { members: { orderBy: { id: 'asc' } } } });
    orgId = org.id;
    const secretary = org.members.find((m) => m.name === '李春生')!;
    await db.prisma.activity.create({
      data: {
        organizationId: orgId,
        year: 2026,
        seq: 1,
        type: 'TRAINING',
        heldOn: new Date('2026-03-05T00:00:00Z'),
        topic: '党章专题培训',
        hours: 8,
        expectedCount: 13,
        presentCount: 12,
        recordedById: secretary.id,
        programmeCode: 'B100-03',
        attendees: { create: org.members.map((m) => ({ memberId: m.id, present: true })) },
      },
    });
    await db.prisma.problemEntry.create({
      data: {
        organizationId: orgId,
        year: 2026,
        seq: 1,
        problem: '主题党日形式单一',
        cause: '缺少策划',
        target: '每月有特色',
        measures: '轮流策划',
        deadline: new Date('2026-06-30T00:00:00Z'),
        responsible: '李春生',
      },
    });
    await db.prisma.pointEntry.create({
      data: { memberId: secretary.id, organizationId: orgId, year: 2026, points: 5, reason: '参加党章专题培训', sourceType: 'ACTIVITY', sourceId: 1 },
    });
    const assessor = await db.prisma.member.findFirstOrThrow({ where: { name: '冯雅琴' } });
    const { assessment } = await startAssessment(db.prisma, {
      organizationId: orgId,
      kind: 'TEAM',
      period: parsePeriod('2026'),
      actorId: assessor.id,
      today: '2026-12-31',
    });
    await acceptProposals(db.prisma, assessment, { code: 'all', actorId: assessor.id, now: new Date('2026-12-31T01:00:00Z') });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('writes a workbook that reads back with the expected sheets and values', async () => {
    // 31 December 23:30 in Beijing: the year is not over, so the star column is provisional.
    const { bytes, fileName } = await buildLedgerWorkbook(db.prisma, {
      organizationId: orgId,
      year: 2026,
      now: new Date('2026-12-31T15:30:00Z'),
      zone: 'Asia/Shanghai',
    });
    expect(fileName).toBe('东湾村党支部-2026年党建台账.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      SHEETS.daily,
      SHEETS.education,
      SHEETS.development,
      SHEETS.featured,
      SHEETS.problems,
      SHEETS.assessment,
      SHEETS.points,
      SHEETS.pointEntries,
    ]);
    const daily = workbook.getWorksheet(SHEETS.daily)!;
    expect(daily.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(daily.getRow(1).getCell(4).value).toBe('主题');
    expect(daily.getRow(2).values).toEqual([undefined, 1, '2026-03-05', '专题讲习/培训', '党章专题培训', 13, 12, 8, 0, '李春生', '']);
    const education = workbook.getWorksheet(SHEETS.education)!;
    const li = education.getSheetValues().find((r) => Array.isArray(r) && r[1] === '李春生') as unknown[];
    expect(li.slice(1)).toEqual(['李春生', '是', '正常', 1, 8, 24, '未达标', '']);
    const development = workbook.getWorksheet(SHEETS.development)!;
    expect(String(development.getRow(2).getCell(2).value)).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(workbook.getWorksheet(SHEETS.featured)!.getRow(2).getCell(2).value).toBe('百场讲学拉练大培训');
    expect(workbook.getWorksheet(SHEETS.problems)!.getRow(2).getCell(2).value).toBe('主题党日形式单一');
    const sheet = workbook.getWorksheet(SHEETS.assessment)!;
    const lessons = sheet.getSheetValues().find((r) => Array.isArray(r) && r[2] === 'V4.1') as unknown[];
    // Only a March training: every 三会一课 type is short of its cadence → 5 − 4 = 1, with its evidence.
    expect(lessons[5]).toBe(1);
    expect(lessons[6]).toBe(1);
    expect(String(lessons[8])).toContain('支委会');
    const points = workbook
      .getWorksheet(SHEETS.points)!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === '李春生') as unknown[];
    expect(points.slice(1)).toEqual(['李春生', 5, '暂未达到一星']);
  });

  it('names 无星 (不合格) in the points sheet only once the year is over (1 January 00:30 in Beijing)', async () => {
    const { bytes } = await buildLedgerWorkbook(db.prisma, {
      organizationId: orgId,
      year: 2026,
      parts: ['points'],
      now: new Date('2026-12-31T16:30:00Z'),
      zone: 'Asia/Shanghai',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(SHEETS.points)!;
    expect(sheet.getRow(1).getCell(3).value).toBe('星级');
    const points = sheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === '李春生') as unknown[];
    // 5 points, rated (the branch kept records in 2026): 5 < 60 → 无星 (domain.md §3).
    expect(points.slice(1)).toEqual(['李春生', 5, '无星（不合格党员）']);
  });

  it('counts a record tagged with a programme towards its target once', async () => {
    const before = (await programmeProgress(db.prisma)).find((p) => p.code === 'B100-03')!;
    expect(before).toMatchObject({ done: 1, fromRecords: 1, target: 100 });
    const programme = await db.prisma.programme.findUniqueOrThrow({ where: { code: 'B100-03' } });
    const activity = await db.prisma.activity.findFirstOrThrow({ where: { programmeCode: 'B100-03' } });
    await db.prisma.programmeEntry.create({ data: { programmeId: programme.id, organizationId: orgId, amount: 1, activityId: activity.id } });
    expect((await programmeProgress(db.prisma)).find((p) => p.code === 'B100-03')).toMatchObject({ done: 1, fromRecords: 0 });
  });

  it('exports one part alone', async () => {
    const { bytes, fileName } = await buildLedgerWorkbook(db.prisma, { organizationId: orgId, year: 2026, parts: ['assessment'], zone: 'Asia/Shanghai' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(fileName).toBe('东湾村党支部-2026年考评表.xlsx');
    expect(workbook.worksheets.map((s) => s.name)).toEqual([SHEETS.assessment]);
  });
});
