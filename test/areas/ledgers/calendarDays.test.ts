import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { SHEETS } from '../../../src/areas/ledgers/buildLedgerWorkbook.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
/** An instant given as Beijing wall-clock time. */
const beijing = (local: string) => new Date(`${local}+08:00`);

// Every calendar day the product stores or shows is the day of TZ_NAME (Asia/Shanghai): what is done at 00:30
// (still the previous day in UTC) and at 23:30 lands on the Beijing day, across 31 December and 1 January too.
describe('calendar days in Beijing time: ledgers, exports and 积分明细', () => {
  let service: TestService;
  const clock = fixedClock(beijing('2026-12-31T00:30:00'));
  const db = () => service.database.prisma;

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function sheetRows(text: string, sheet: string): Promise<unknown[][]> {
    const replies = await service.say(G, SEC, text);
    const file = replies.find((r) => r.file)?.file;
    expect(file, replies.map((r) => r.text).join('\n')).toBeDefined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file!.base64, 'base64') as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet(sheet);
    expect(ws, `sheet ${sheet} in ${file!.fileName}`).toBeDefined();
    return (ws!.getSheetValues().slice(2) as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
  }

  it('00:30 on 31 December: a record of 今天, a bonus and a problem closed all carry 31 December', async () => {
    const [record] = await service.sayText(G, SEC, '/会议记录\n类型：支委会\n日期：今天\n主题：年终工作研究\n参加人员：李春生 陈秀英');
    expect(record).toContain('会议记录已登记');
    expect(record).toContain('日期：12月31日');
    expect(await service.sayText(G, SEC, '/加分 @赵大勇 2 志愿服务：清扫积雪')).toEqual([expect.stringContaining('已加分')]);
    const [created] = await service.sayText(
      G,
      SEC,
      '/问题 新增\n问题：活动阵地利用率低\n原因：开放时间少\n整改目标：每周开放\n措施：排班值守\n时限：12月31日\n责任人：李春生',
    );
    expect(created).toContain('时限：12月31日');
    expect(await service.sayText(G, SEC, '/问题 进展 1 已排好值班表')).toEqual([expect.stringContaining('还有 0 天')]);
    expect(await service.sayText(G, SEC, '/问题 销号 1 记录 1')).toEqual([expect.stringContaining('已销号')]);
    const entries = await db().pointEntry.findMany({ orderBy: { id: 'asc' } });
    expect(entries.length).toBeGreaterThan(0);
    // Stored at the service clock's instant: 30 December 16:30 UTC.
    expect(entries.every((e) => e.createdAt.toISOString() === '2026-12-30T16:30:00.000Z')).toBe(true);
  });

  it('23:30 on 31 December: another bonus is still 31 December', async () => {
    clock.set(beijing('2026-12-31T23:30:00'));
    expect(await service.sayText(G, SEC, '/加分 @陈秀英 1 志愿服务：守岁值班')).toEqual([expect.stringContaining('已加分')]);
  });

  it('the exported sheets show 31 December for all of it, never 30 December', async () => {
    const points = await sheetRows('/导出 积分', SHEETS.pointEntries);
    expect(points.length).toBe(4); // two attendance entries, two bonuses
    expect(points.map((r) => r[0])).toEqual(['2026-12-31', '2026-12-31', '2026-12-31', '2026-12-31']);
    expect(new Set(points.map((r) => r[4]))).toEqual(new Set(['会议记录', '书记加扣分']));
    const problems = await sheetRows('/导出 问题', SHEETS.problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]![5]).toBe('2026-12-31'); // 时限
    expect(String(problems[0]![7])).toBe('2026-12-31 已排好值班表'); // 进展
    expect(problems[0]![9]).toBe('2026-12-31'); // 销号日期
    const daily = await sheetRows('/导出 台账', SHEETS.daily);
    expect(daily.map((r) => r[1])).toEqual(['2026-12-31']);
  });

  it('names each export after what is in it', async () => {
    const names: string[] = [];
    for (const kind of ['问题', '积分', '考评', '台账']) {
      const replies = await service.say(G, SEC, `/导出 ${kind}`);
      names.push(replies.find((r) => r.file)!.file!.fileName);
    }
    expect(names).toEqual([
      '东湾村党支部-2026年问题台账.xlsx',
      '东湾村党支部-2026年积分台账.xlsx',
      '东湾村党支部-2026年考评表.xlsx',
      '东湾村党支部-2026年党建台账.xlsx',
    ]);
  });

  it('00:30 on 1 January: a bonus belongs to the new year, and last year is exported by 去年 or ２０２６', async () => {
    clock.set(beijing('2027-01-01T00:30:00'));
    expect(await service.sayText(G, SEC, '/加分 @赵大勇 1 志愿服务：元旦慰问')).toEqual([expect.stringContaining('2027年累计 1 分')]);
    const thisYear = await sheetRows('/导出 积分', SHEETS.pointEntries);
    expect(thisYear.map((r) => r[0])).toEqual(['2027-01-01']);
    expect((await sheetRows('/导出 积分 去年', SHEETS.pointEntries)).map((r) => r[0])).toHaveLength(4);
    expect((await sheetRows('/导出 积分 ２０２６年', SHEETS.pointEntries)).map((r) => r[0])).toHaveLength(4);
    expect(await service.sayText(G, SEC, '/导出 积分 2028')).toEqual([expect.stringContaining('2028年还没到')]);
    const [mine] = await service.sayText(G, 'sb-dw-member', '/积分 去年');
    expect(mine).toContain('赵大勇 · 2026年积分');
  });

  it('says so when the year exported holds no record, and not when it does', async () => {
    const [empty] = await service.sayText(G, SEC, '/导出 台账 2025');
    expect(empty).toContain('东湾村党支部2025年还没有登记任何记录');
    expect(empty).toContain('请确认年份写得对');
    const [withData] = await service.sayText(G, SEC, '/导出 台账 2026');
    expect(withData).toContain('已导出');
    expect(withData).not.toContain('还没有登记任何记录');
    // Records exist in 2026 but no 考评 yet: the hint speaks of the 考评表, not of records missing.
    const noAssessment = (await service.sayText(G, SEC, '/导出 考评 2026')).join('\n');
    expect(noAssessment).toContain('2026年的考评打分表里还没有数据');
    expect(noAssessment).not.toContain('还没有登记任何记录');
  });
});
