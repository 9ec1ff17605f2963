import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { buildRegistry } from '../../src/app/buildRegistry.ts';
import { asciiWords } from '../support/asciiWords.ts';

const G = 'sb-group-dongwan';
const LEAD = 'sb-group-leading';
const LIAISON = 'sb-group-liaison';
const SEC = 'sb-dw-secretary';
const MEMBER = 'sb-dw-member';
const ADMIN = 'sb-admin';
const ASSESSOR = 'sb-assessor';

// A broad conversation as every role would have it, then every reply and every exported sheet scanned.
describe('words users see: no English or internal names in replies, sheets or file names', () => {
  let service: TestService;
  const seen: { who: string; text: string; words: string[] }[] = [];
  const commandNames = new Set(
    buildRegistry()
      .list()
      .flatMap((c) => [c.name, ...(c.aliases ?? [])]),
  );

  beforeAll(async () => {
    service = await startTestService({ clock: fixedClock('2026-11-20T04:00:00Z') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function play(group: string, user: string, text: string) {
    for (const reply of await service.say(group, user, text)) {
      // What the user typed may be repeated back (「收到的是「abc」」): only the bot's own words count.
      const typed = new Set(asciiWords(text));
      const words = asciiWords(reply.text).filter((w) => !commandNames.has(w) && !typed.has(w));
      seen.push({ who: `${user} 「${text.split('\n')[0]}」`, text: reply.text, words });
      if (reply.file && !reply.file.fileName.endsWith('.xlsx')) {
        // A poster PDF: what users see of it is its name.
        seen.push({ who: `${user} 「${text}」 的文件名`, text: reply.file.fileName, words: asciiWords(reply.file.fileName.replace(/-A[34]\.pdf$/u, '')) });
      } else if (reply.file) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(reply.file.base64, 'base64') as unknown as ArrayBuffer);
        const cells: string[] = [reply.file.fileName];
        for (const sheet of workbook.worksheets) {
          cells.push(sheet.name);
          sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
        }
        const all = cells.join('\n');
        seen.push({ who: `${user} 「${text}」 的表格`, text: all, words: asciiWords(all.replace(/\.xlsx$/gmu, '')) });
      }
    }
  }

  it('plays every command of every role, right and wrong', async () => {
    const registry = buildRegistry();
    for (const c of registry.list()) await play(G, SEC, `/帮助 ${c.name}`);
    const branch: [string, string][] = [
      [MEMBER, '/帮助'],
      [SEC, '/帮助'],
      [MEMBER, '/我的'],
      [MEMBER, '/积分'],
      [MEMBER, '/星级'],
      [MEMBER, '/积分榜'],
      [MEMBER, '/进度'],
      [MEMBER, '/任务'],
      [MEMBER, '/问题'],
      [MEMBER, '/痕迹'],
      [MEMBER, '/项目'],
      [SEC, '/会议记录'],
      [SEC, '/会议记录\n类型：支委会\n日期：11月12日\n主题：研究发展党员\n参加人员：李春生 陈秀英\n项目：讲学拉练'],
      [SEC, '/会议记录\n类型：开会\n日期：2月30日\n主题：\n负责人：张三'],
      [SEC, '/会议记录\n类型：支委会\n日期：2025年12月25日\n主题：年终\n实到：3'],
      [SEC, '/确认'],
      [SEC, '/取消'],
      [SEC, '/另存'],
      [SEC, '/加分 @赵大勇 2 志愿服务：清扫'],
      [SEC, '/扣分 @赵大勇 abc 迟到'],
      [SEC, '/积分 @赵大勇 2025'],
      [SEC, '/问题 新增'],
      [SEC, '/问题 新增\n问题：阵地利用率低\n原因：开放少\n整改目标：每周开放\n措施：排班\n时限：12月31日\n责任人：李春生'],
      [SEC, '/问题 进展 1 已排班'],
      [SEC, '/问题 销号 1 记录 1'],
      [SEC, '/问题 销号 9 照片 3'],
      [SEC, '/自评'],
      [SEC, '/自评 开始'],
      [SEC, '/自评 查看'],
      [SEC, '/自评 对比'],
      [SEC, '/简报 东湾村开展主题党日\n11月5日，东湾村党支部组织全体党员……'],
      [SEC, '/学习心得 体会\n通过学习……'],
      [SEC, '/导出 台账'],
      [SEC, '/导出 问题'],
      [SEC, '/导出 积分'],
      [SEC, '/导出 考评'],
      [SEC, '/导出 花名册'],
      [SEC, '/项目 登记 讲学 1 党性教育'],
      [SEC, '/任务 完成 abc'],
      [MEMBER, '/收到 1'],
      [MEMBER, '@支部助手 我的积分是多少？'],
      [MEMBER, '/开会吧'],
      [MEMBER, '/绑定群 东湾村党支部'],
    ];
    for (const [user, text] of branch) await play(G, user, text);
    const others: [string, string, string][] = [
      [LEAD, ADMIN, '/未交'],
      [LEAD, ADMIN, '/简报列表'],
      [LEAD, ADMIN, '/问题 汇总'],
      [LEAD, ADMIN, '/提醒设置'],
      [LEAD, ADMIN, '/提醒设置 提前 0 99'],
      [LEAD, ADMIN, '/任务 新建'],
      [LEAD, ADMIN, '/任务 新建 标题：报送计划；截止：１２／１０；对象：全部支部'],
      [LEAD, ADMIN, '/任务'],
      [LEAD, ADMIN, '/考评 等次'],
      [LEAD, ADMIN, '/公示 星级'],
      [LEAD, ADMIN, '/导入 名册'],
      [LEAD, ASSESSOR, '/考评 东湾村党支部 开始'],
      [LEAD, ASSESSOR, '/考评 东湾村党支部 查看'],
      [LEAD, ASSESSOR, '/考评 东湾村党支部 对比'],
      [LEAD, ASSESSOR, '/考评 东湾村党支部 评分 V9.9 3'],
      [LEAD, ADMIN, '/导出 考评 东湾村党支部 2026'],
      [LIAISON, 'sb-dw-liaison', '/痕迹'],
      [LIAISON, 'sb-dw-liaison', '/帮助'],
      ['sb-group-new', 'guest-1', '/帮助'],
      ['sb-group-new', 'guest-1', '/积分'],
    ];
    for (const [group, user, text] of others) await play(group, user, text);
    expect(seen.length).toBeGreaterThan(100);
    const leaks = seen.filter((s) => s.words.length > 0).map((s) => `${s.who}: ${[...new Set(s.words)].join(' ')}`);
    expect(leaks).toEqual([]);
  });

  it('recognises the leaks it is meant to catch', () => {
    expect(asciiWords('来源：ACTIVITY')).toEqual(['ACTIVITY']);
    expect(asciiWords('工作表 sheet1')).toEqual(['sheet1']);
    expect(asciiWords('期间 2026-H2')).toEqual(['H2']);
    expect(asciiWords('请设置 SCHEDULE_MORNING')).toEqual(['SCHEDULE_MORNING']);
    expect(asciiWords('缺少 assessment.grades')).toEqual(['assessment.grades']);
    expect(asciiWords('2026-12-31 导出 东湾村.xlsx，下载 http://x/files/abc')).toEqual([]);
  });
});
