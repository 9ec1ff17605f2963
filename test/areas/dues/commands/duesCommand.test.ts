import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { fixedClock } from '../../../../src/core/time/clock.ts';
import { buildLedgerWorkbook, SHEETS } from '../../../../src/areas/ledgers/buildLedgerWorkbook.ts';

const G = 'sb-group-dongwan';
const LEADING = 'sb-group-leading';
const SEC = 'sb-dw-secretary'; // 李春生
const COMMITTEE = 'sb-dw-committee'; // 陈秀英
const MEMBER = 'sb-dw-member'; // 赵大勇
const clock = fixedClock('2026-11-20T04:00:00Z'); // months 1–10 are due, November may still be paid

describe('/党费 in chat', () => {
  let service: TestService;
  let dongwan: number;
  let zhao: number;
  let ended: string;
  const db = () => service.database.prisma;
  const text = async (group: string, persona: string, message: string) => (await service.sayText(group, persona, message)).join('\n');
  const monthsOf = async (memberId: number) =>
    (await db().duesPayment.findMany({ where: { memberId }, orderBy: { month: 'asc' } })).map((p) => [p.month, p.amountCents]);

  beforeAll(async () => {
    service = await startTestService({ clock });
    dongwan = (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    zhao = (await db().member.findFirstOrThrow({ where: { name: '赵大勇' } })).id;
    // Keep four current members so the board can be checked by hand: 李春生, 陈秀英, 赵大勇 (members for years)
    // and 王小燕 (joined in August 2026: owes from August). Everyone else of the branch has left.
    const keep = ['李春生', '陈秀英', '王小燕', '赵大勇'];
    const others = await db().member.findMany({ where: { organizationId: dongwan, name: { notIn: keep } }, orderBy: { id: 'asc' } });
    ended = others[0]!.name;
    await db().member.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: 'ENDED' } });
    await db().member.updateMany({
      where: { organizationId: dongwan, name: { in: ['李春生', '陈秀英', '赵大勇'] } },
      data: { joinedAt: new Date('2010-05-01T00:00:00Z') },
    });
    await db().member.updateMany({ where: { organizationId: dongwan, name: '王小燕' }, data: { joinedAt: new Date('2026-08-15T00:00:00Z') } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('records several months at once, audited, and a repeat records nothing', async () => {
    const reply = await text(G, SEC, '/党费 登记 赵大勇 2026年1-10月 30');
    expect(reply).toContain('已登记党费');
    expect(reply).toContain('赵大勇 2026年1-10月，每月 30 元，共 300 元');
    expect(reply).toContain('已缴 1-10月，共 300 元；已缴清');
    expect(await monthsOf(zhao)).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 3000]));
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'dues.recorded', targetId: String(zhao) } });
    expect(audit.actorId).toBe((await db().member.findFirstOrThrow({ where: { name: '李春生' } })).id);
    expect(audit.detail).toEqual({ year: 2026, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], amountCents: 3000 });

    const repeat = await text(G, SEC, '/党费 登记 赵大勇 2026年10月 30');
    expect(repeat).toContain('党费已登记过');
    expect(repeat).toContain('2026年10月已经登记过（30 元/月），没有重复登记');
    expect(await db().duesPayment.count({ where: { memberId: zhao } })).toBe(10);
    expect(await db().auditLog.count({ where: { action: 'dues.recorded' } })).toBe(1);

    const overlap = await text(G, SEC, '/党费 登记 @赵大勇 9-11月 30元');
    expect(overlap).toContain('赵大勇 2026年11月，每月 30 元，共 30 元');
    expect(overlap).toContain('2026年9-10月已经登记过');
    expect(await db().duesPayment.count({ where: { memberId: zhao } })).toBe(11);
  });

  it('lets the 组织委员 record, and shows the branch list by month and one member', async () => {
    expect(await text(G, COMMITTEE, '/党费 登记 王小燕 8月 25.5')).toContain('王小燕 2026年8月，每月 25.5 元，共 25.5 元');
    const board = await text(G, SEC, '/党费');
    // 4 current members; only 赵大勇 paid every month 1–10. 李春生 and 陈秀英 owe 1–10, 王小燕 owes 9–10.
    expect(board).toContain('东湾村党支部 2026年党费');
    expect(board).toContain('党员 4 人，已缴清 1 人，欠缴 3 人；今年已登记 355.5 元。');
    expect(board).toContain('应缴月份算到 10 月');
    expect(board).toContain('1月：李春生、陈秀英');
    expect(board).toContain('8月：李春生、陈秀英\n');
    expect(board).toContain('9月：李春生、陈秀英、王小燕');
    expect(board).not.toContain(ended);
    const one = await text(LEADING, 'sb-admin', '/党费 王小燕');
    expect(one).toContain('王小燕 2026年党费');
    expect(one).toContain('已缴 8月，共 25.5 元');
    expect(one).toContain('欠缴 9-10月（2 个月）');
  });

  it.each([
    ['bad month', '/党费 登记 赵大勇 13月 30', '月份只能是 1 到 12 月'],
    ['reversed range', '/党费 登记 赵大勇 6-1月 30', '月份范围应从小到大'],
    ['old year', '/党费 登记 赵大勇 2020年1月 30', '只能登记去年、今年或明年'],
    ['zero amount', '/党费 登记 赵大勇 12月 0', '应大于 0 元'],
    ['word amount', '/党费 登记 赵大勇 12月 三十', '应是以元为单位的数字'],
    ['too large', '/党费 登记 赵大勇 12月 30000', '最多登记 10000 元'],
    ['no amount', '/党费 登记 赵大勇 12月', '缺少「年月」或「金额」'],
    ['no name', '/党费 登记', '缺少「姓名」'],
    ['unknown person', '/党费 登记 不存在 12月 30', '没有找到党员「不存在」'],
  ])('refuses %s with a clear answer and saves nothing', async (_label, message, expected) => {
    const before = await db().duesPayment.count();
    const reply = await text(G, SEC, message);
    expect(reply).toContain('没能办理');
    expect(reply).toContain(expected);
    expect(reply).toContain('/党费 登记 <姓名> <年月> <金额（元）>');
    expect(await db().duesPayment.count()).toBe(before);
  });

  it('refuses the wrong role, the wrong branch and members who have left', async () => {
    const before = await db().duesPayment.count();
    expect(await text(G, MEMBER, '/党费 登记 赵大勇 12月 30')).toContain('没有这个权限');
    expect(await text(G, MEMBER, '/党费')).toContain('没有这个权限');
    expect(await text(LEADING, 'sb-admin', '/党费 登记 赵大勇 12月 30')).toContain('只有支部书记或组织委员可以登记党费');
    expect(await text(G, 'sb-jx-secretary', '/党费 登记 赵大勇 12月 30')).toContain('没有这个权限');
    expect(await text('sb-group-jixie', 'sb-jx-secretary', '/党费 登记 赵大勇 12月 30')).toContain('没有找到党员「赵大勇」');
    expect(await text(G, SEC, `/党费 登记 ${ended} 1月 30`)).toContain(`没有找到党员「${ended}」`);
    expect(await db().duesPayment.count()).toBe(before);
  });

  it('fills the 党费 columns of the ledger', async () => {
    const { bytes } = await buildLedgerWorkbook(db(), { organizationId: dongwan, year: 2026, parts: ['ledgers'], now: clock.now(), zone: 'Asia/Shanghai' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet(SHEETS.development)!.getSheetValues().filter(Array.isArray) as unknown[][];
    const row = (name: string) => rows.find((r) => r[1] === name)!.slice(5, 18);
    expect(row('赵大勇')).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, '', '']);
    expect(row('王小燕')).toEqual(['', '', '', '', '', '', '', 25.5, '', '', '', '', '欠缴 9-10月']);
    expect(row('李春生')[12]).toBe('欠缴 1-10月');
    expect(row(ended)[12]).toBe('');
  });
});
