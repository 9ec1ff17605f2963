import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { rosterWorkbook } from '../roster/rosterWorkbook.ts';

const LEADING = 'sb-group-leading';
const DONGWAN = 'sb-group-dongwan';

describe('assessment, problem ledger, roster, export and programmes through the sandbox', () => {
  let service: TestService;
  const text = async (group: string, user: string, message: string) => (await service.sayText(group, user, message)).join('\n');

  beforeAll(async () => {
    service = await startTestService({ db: 'postgres', clock: fixedClock('2026-12-20T02:00:00Z') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('/考评: the team starts, gets proposals, must give a reason to override, finalizes', async () => {
    const started = await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 开始 2026');
    expect(started).toContain('已开始考评 · 东湾村党支部 · 2026');
    expect(started).toContain('V4.1');
    const override = await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 评分 V4.1 5');
    expect(override).toContain('必须写明理由');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 评分 V9.9 1')).toContain('没有项目编号「V9.9」');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 评分 V1.1 八')).toContain('分数应是数字');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 评分 V4.1 5 纸质台账有完整记录')).toContain('已改判');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 查看 V4.1')).toContain('改判理由：纸质台账有完整记录');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 完成')).toContain('项未评分');
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 采纳 全部')).toContain('已采纳');
    const standard = await service.database.prisma.standardItem.findMany({ where: { category: { standard: { code: 'VILLAGE-2026' } }, autoRule: null } });
    for (const item of standard) await text(LEADING, 'sb-assessor', `/考评 东湾村党支部 评分 ${item.code} ${item.maxPoints}`);
    const done = await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 完成');
    expect(done).toMatch(/总分 \d+(\.\d+)? 分，等次：/);
    expect(done).toContain('2026 年星级');
    const star = await service.database.prisma.branchStar.findFirstOrThrow({ where: { organization: { name: '东湾村党支部' }, year: 2026 } });
    expect(done).toContain(`总分 ${star.score} 分`);
    expect(await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 评分 V1.1 1 再改')).toContain('已经完成');
  });

  it('/考评 refuses a branch secretary, and scoring by the 组织办', async () => {
    expect(await text(DONGWAN, 'sb-dw-secretary', '/考评 东湾村党支部 开始')).toContain('只有考核小组成员、组织办、领导小组成员可以使用');
    expect(await text(LEADING, 'sb-admin', '/考评 东湾村党支部 开始')).toContain('只有考核小组成员可以评分');
    expect(await text(LEADING, 'sb-admin', '/考评 不存在村 查看')).toContain('没有找到组织「不存在村」');
    expect(await text(LEADING, 'sb-admin', '/考评 等次 000')).toContain('好 ≥ 90');
    expect(await text(LEADING, 'sb-assessor', '/考评 等次 000')).toContain('只有组织办可以切换等次方案');
  });

  it('/自评 in the branch group, refused in another branch’s group, then compared with the team', async () => {
    expect(await text(DONGWAN, 'sb-jx-secretary', '/自评 开始')).toContain('没有这个权限');
    expect(await text(LEADING, 'sb-dw-secretary', '/自评 开始')).toContain('只能在支部群里使用');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/自评 开始 2026-13')).toContain('期间「2026-13」看不懂');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/自评 开始')).toContain('已开始自评 · 东湾村党支部 · 2026年下半年');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/自评 评分 V1.1 2')).toContain('已评分');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/自评 评分 V4.1 5 我们每月都开了')).toContain('已改判');
    const compare = await text(LEADING, 'sb-assessor', '/考评 东湾村党支部 对比');
    expect(compare).toContain('自评与考评对比');
    expect(compare).toContain('自评 2026年下半年');
  });

  it('/问题: template, per-field errors, success, re-delivery, progress, closing needs evidence', async () => {
    expect(await text(DONGWAN, 'sb-dw-secretary', '/问题 新增')).toContain('整改目标：');
    const bad = await text(DONGWAN, 'sb-dw-secretary', '/问题 新增\n问题：党员活动参与率低\n时限：下个月');
    expect(bad).toContain('缺少「原因」');
    expect(bad).toContain('「时限」应是日期');
    const form = '/问题 新增\n问题：党员活动参与率低\n原因：外出务工党员多\n整改目标：参与率达到98%\n措施：开展线上组织生活\n时限：2027-03-31\n责任人：李春生';
    const first = await service.say(DONGWAN, 'sb-dw-secretary', form, { messageId: 'problem-form-1' });
    expect(first[0]!.text).toContain('已登记第 1 号问题');
    expect(first[0]!.text).toContain('要求 2–3 条');
    const redelivered = await service.say(DONGWAN, 'sb-dw-secretary', form, { messageId: 'problem-form-1' });
    // A platform re-delivery of the same message is processed once: at most the same answer, never a second entry.
    expect(redelivered.map((r) => r.text).filter((t) => t !== first[0]!.text)).toEqual([]);
    expect(await service.database.prisma.problemEntry.count()).toBe(1);
    expect(await text(DONGWAN, 'sb-dw-secretary', form)).toContain('已经登记过了（第 1 号）');
    expect(await service.database.prisma.problemEntry.count()).toBe(1);
    expect(await text(DONGWAN, 'sb-dw-member', form)).toContain('只有本支部书记或组织委员');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/问题 进展 1 已开通线上党课')).toContain('已记录第 1 号问题的进展');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/问题 销号 1')).toContain('必须附整改证据');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/问题 销号 9 记录 1')).toContain('没有第 9 号问题');
    expect((await service.database.prisma.problemEntry.findFirstOrThrow()).status).toBe('OPEN');
    const list = await text(DONGWAN, 'sb-dw-member', '/问题');
    expect(list).toContain('党员活动参与率低');
    expect(list).toContain('整改中');
    expect(await text(LEADING, 'sb-admin', '/问题')).toContain('只能在支部群里使用');
    const overview = await text(LEADING, 'sb-admin', '/问题 汇总');
    expect(overview).toContain('不足 2 条的支部：');
    expect(overview).toContain('东湾村 · 1 · 1 · 0 · 0');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/问题 汇总')).toContain('只有组织办、领导小组和考核小组');
  });

  it('/导出 sends the workbook and a download link', async () => {
    const [reply] = await service.say(DONGWAN, 'sb-dw-secretary', '/导出 台账 2026');
    expect(reply!.text).toContain('已导出：东湾村党支部-2026年党建台账.xlsx');
    expect(reply!.file?.fileName).toBe('东湾村党支部-2026年党建台账.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(reply!.file!.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('问题台账')!.getRow(2).getCell(2).value).toBe('党员活动参与率低');
    const link = /\/files\/[A-Za-z0-9_-]{32}/.exec(reply!.text)![0];
    const download = await fetch(`${service.url}${link}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(reply!.file!.base64, 'base64'))).toBe(true);
    expect((await fetch(`${service.url}/files/${'x'.repeat(32)}`)).status).toBe(404);
    expect(await text(DONGWAN, 'sb-dw-secretary', '/导出 台账 精密机械')).toContain('只能在本支部群里导出本支部的台账');
    expect(await text(DONGWAN, 'sb-dw-member', '/导出 台账')).toContain('没有这个权限');
  });

  it('/导入 名册: a bad file imports nothing and names the rows; only the 组织办 may import', async () => {
    const bad = await rosterWorkbook([
      ['东湾村党支部', '丙一', '13900003331', '党员', '否'],
      ['东湾村党支部', '丙二', '12345', '党员', '否'],
    ]);
    const before = await service.database.prisma.member.count();
    const reply = await text(LEADING, 'sb-admin', '/导入 名册');
    expect(reply).toContain('请在 30 分钟内把名册文件（.xlsx 或 .csv）发到这里');
    const [rejected] = await service.say(LEADING, 'sb-admin', '/导入 名册', { fileBase64: bad.toString('base64'), fileName: '名册.xlsx' });
    expect(rejected!.text).toContain('名册未导入');
    expect(rejected!.text).toContain('第 3 行：手机号格式不对');
    expect(await service.database.prisma.member.count()).toBe(before);
    const good = await rosterWorkbook([['东湾村党支部', '丙一', '13900003331', '党员', '否']]);
    const [accepted] = await service.say(LEADING, 'sb-admin', '/导入 名册', { fileBase64: good.toString('base64'), fileName: '名册.xlsx' });
    expect(accepted!.text).toContain('新增党员 1 名');
    expect(accepted!.text).not.toContain('13900003331');
    const [refused] = await service.say(DONGWAN, 'sb-dw-secretary', '/导入 名册', { fileBase64: good.toString('base64'), fileName: '名册.xlsx' });
    expect(refused!.text).toContain('只有组织办可以使用');
  });

  it('/项目 registers progress against the target and lists it', async () => {
    expect(await text(DONGWAN, 'sb-dw-secretary', '/项目 登记 党建品牌 2 “红色渔港”品牌')).toContain('累计 2/100个');
    expect(await text(DONGWAN, 'sb-dw-secretary', '/项目 登记 不存在的项目')).toContain('没有找到项目');
    expect(await text(DONGWAN, 'sb-dw-member', '/项目 登记 党建品牌')).toContain('只有书记、联络员');
    const list = await text(DONGWAN, 'sb-dw-member', '/项目');
    expect(list).toContain('百个基层党建品牌大创建 · 2个 · 100个 · 2%');
  });
});
