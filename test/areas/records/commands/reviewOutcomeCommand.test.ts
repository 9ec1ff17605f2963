import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { fixedClock } from '../../../../src/core/time/clock.ts';
import { buildLedgerWorkbook, SHEETS } from '../../../../src/areas/ledgers/buildLedgerWorkbook.ts';

const clock = fixedClock('2026-12-10T02:00:00Z');
const DW = 'sb-group-dongwan';

describe('/评议结果: the 民主评议 outcome of each member', () => {
  let service: TestService;
  const db = () => service.database.prisma;
  const say = (user: string, text: string, group = DW) => service.sayText(group, user, text).then((r) => r.join('\n'));
  const outcomes = () => db().reviewOutcome.findMany({ include: { member: true }, orderBy: { memberId: 'asc' } });
  const outcomeOf = async (name: string) => (await outcomes()).find((o) => o.member.name === name)?.outcome;
  beforeAll(async () => {
    service = await startTestService({ db: 'postgres', clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('asks for the year’s 民主评议 record first', async () => {
    expect(await say('sb-dw-secretary', '/评议结果 优秀 赵大勇')).toContain('本支部2026年还没有民主评议党员的会议记录');
    expect(await db().reviewOutcome.count()).toBe(0);
    expect(
      await say('sb-dw-secretary', '/会议记录\n类型：民主评议党员\n日期：12月8日\n主题：2026年度民主评议党员\n参加人员：赵大勇、陈秀英、王小燕'),
    ).toContain('第');
  });

  it('refuses the wrong role and another branch’s secretary, saving nothing', async () => {
    expect(await say('sb-dw-member', '/评议结果 优秀 赵大勇')).toContain('「/评议结果」只有');
    const other = await say('sb-jx-secretary', '/评议结果 优秀 赵大勇');
    expect(other).toContain('你在这里没有这个权限');
    expect(other).toContain('精密机械');
    expect(await say('sb-dw-secretary', '/评议结果 优秀 赵大勇', 'sb-group-liaison')).toContain('只能在');
    expect(await db().reviewOutcome.count()).toBe(0);
  });

  it('answers bad input in Chinese and saves nothing of a message with any mistake', async () => {
    expect(await say('sb-dw-secretary', '/评议结果')).toContain('请写评议结果');
    expect(await say('sb-dw-secretary', '/评议结果 很好 赵大勇')).toContain('「很好 赵大勇」没有写等次');
    expect(await say('sb-dw-secretary', '/评议结果 优秀')).toContain('「优秀」后面没有写姓名');
    const typo = await say('sb-dw-secretary', '/评议结果 优秀 赵大永、陈秀英');
    expect(typo).toContain('「赵大永」（是不是：赵大勇？）');
    expect(typo).toContain('这次什么都没有登记');
    expect(await say('sb-dw-secretary', '/评议结果 优秀 赵大勇；合格 赵大勇')).toContain('赵大勇 写在了不止一个等次里');
    expect(await db().reviewOutcome.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'review.outcome' } })).toBe(0);
  });

  it('saves each outcome (names with spaces, 基本合格 not read as 合格), then a repeat changes nothing', async () => {
    const saved = await say('sb-dw-secretary', '/评议结果 优秀 赵 大勇、陈秀英；基本合格：王小燕');
    expect(saved).toContain('已登记2026年民主评议结果');
    expect(saved).toContain('王小燕：基本合格');
    expect(saved).toContain('本支部已登记：优秀 2 人，合格 0 人，基本合格 1 人，不合格 0 人');
    expect((await outcomes()).map((o) => [o.member.name, o.outcome, o.year])).toEqual(
      expect.arrayContaining([
        ['赵大勇', '优秀', 2026],
        ['陈秀英', '优秀', 2026],
        ['王小燕', '基本合格', 2026],
      ]),
    );
    expect(await say('sb-dw-secretary', '/评议结果 优秀 赵大勇、陈秀英')).toContain('无需重复登记');
    expect(await db().auditLog.count({ where: { action: 'review.outcome' } })).toBe(3);
  });

  it('a correction replaces the outcome with an audit of both, shown on /党员 and in the exported ledger', async () => {
    const changed = await say('sb-dw-secretary', '/评议结果 合格 陈秀英');
    expect(changed).toContain('陈秀英：优秀 → 合格（已更改）');
    expect(await outcomeOf('陈秀英')).toBe('合格');
    expect(await db().reviewOutcome.count()).toBe(3);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'review.outcome' }, orderBy: { id: 'desc' } });
    expect(audit.detail).toMatchObject({ from: '优秀', to: '合格', year: 2026 });
    // The 组织办 may enter them in the branch's group too.
    expect(await say('sb-admin', '/评议结果 不合格 王小燕')).toContain('王小燕：基本合格 → 不合格（已更改）');

    expect(await say('sb-dw-secretary', '/党员 陈秀英')).toContain('2026年 合格');
    expect(await say('sb-dw-secretary', '/党员 李春生')).toContain('2026年尚未登记');

    const org = await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    const { bytes } = await buildLedgerWorkbook(db(), { organizationId: org.id, year: 2026, now: clock.now(), zone: 'Asia/Shanghai' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(SHEETS.education)!;
    const column = (sheet.getRow(1).values as unknown[]).indexOf('民主评议');
    expect(column).toBeGreaterThan(0);
    const cell = (name: string) => (sheet.getSheetValues() as unknown[][]).find((r) => Array.isArray(r) && r[1] === name)![column];
    expect(cell('赵大勇')).toBe('优秀');
    expect(cell('陈秀英')).toBe('合格');
    expect(cell('王小燕')).toBe('不合格');
    expect(cell('李春生')).toBe('');
  });
});
