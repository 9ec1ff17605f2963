import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { SHEETS } from '../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { makePng } from '../support/makeImages.ts';

/**
 * 东湾村党支部's 2026, played through the sandbox as its 书记 (李春生), 组织委员 (陈秀英), a member (赵大勇) and the
 * 联络员 (王小燕) would, with their mistakes, month by month. Every figure asserted is worked out by hand below from
 * the points catalogue (《积分制管理手册》 example data, domain.md §3) — never read back from the code:
 *   主题党日 3 (cap 36) · 党小组会 2 (cap 24) · 支部党员大会 5 (cap 20) · 党课 5 (cap 20) · 专题讲习/培训 3 (cap 15)
 *   民主评议党员 5 (cap 5) · 组织生活会 5 (cap 5) · 谈心谈话 2 (cap 6) · 志愿服务 3 (cap 15)
 *   stars: ≥ 90 三星, 80–89 二星, 60–79 一星, < 60 无星 (不合格 only once the year is final).
 */
const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
const COMMITTEE = 'sb-dw-committee';
const MEMBER = 'sb-dw-member'; // 赵大勇
const LIAISON = 'sb-dw-liaison'; // 王小燕
const beijing = (local: string) => new Date(`${local}+08:00`);

// 赵大勇, entry by entry (the running total after each step in the comment).
const ZHAO = {
  themeDayJan: 3, //  3
  groupMeetingFeb: 2, //  5
  congressMar: 5, // 10
  lessonMar: 5, // 15
  themeDayApr: 3, // 18
  trainings: 15, // 33: six trainings of 3 points, capped at 15
  review: 5, // 38
  volunteer: 3, // 41
  lifeMeeting: 5, // 46
  heartTalk: 2, // 48
};
const ZHAO_TOTAL = Object.values(ZHAO).reduce((a, b) => a + b, 0);
const ZHAO_HOURS = 2 + 6 * 4; // 党课 2 学时, six trainings of 4 学时
// 王小燕: theme day 3, congress 5, review 5, life meeting 5, minus 2 for missing a 党小组会.
const WANG_TOTAL = 3 + 5 + 5 + 5 - 2;

describe('a village branch’s year, end to end', () => {
  let service: TestService;
  const clock = fixedClock(beijing('2026-01-12T10:00:00'));
  const db = () => service.database.prisma;
  const at = (local: string) => clock.set(beijing(local));
  const say = async (user: string, text: string, group = G) => (await service.sayText(group, user, text)).join('\n');
  const record = (...lines: string[]) => ['/会议记录', ...lines].join('\n');
  const activities = () => db().activity.count({ where: { organization: { name: '东湾村党支部' }, status: 'ACTIVE' } });
  const post = async (user: string, image: Buffer, caption = '') =>
    (await service.say(G, user, caption, { imageBase64: image.toString('base64'), fileName: 'IMG_0330.png' })).map((r) => r.text).join('\n');
  /** The 党课 of 30 March's photo: its number is what 「照片 N」 in /问题 销号 uses in May. */
  let lessonPhoto = 0;

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('first quarter', () => {
    it('January: a 主题党日 with two members, named with a full-width comma', async () => {
      const reply = await say(SEC, record('类型：主题党日', '日期：1月10日', '主题：学习新年贺词', '参加人员：赵大勇，王小燕'));
      expect(reply).toContain('会议记录已登记 · 2026年第1号');
      expect(reply).toContain(`2 人 × 3 分（参加主题党日） = 6 分`);
      expect(reply).toContain('日期：1月10日');
    });

    it('February: the 组织委员 records a 党小组会', async () => {
      at('2026-02-21T09:00:00');
      const reply = await say(COMMITTEE, record('类型：党小组会', '日期：2月20日', '主题：春耕生产中的党员先锋作用', '参加人员：赵大勇'));
      expect(reply).toContain('1 人 × 2 分（参加党小组会） = 2 分');
    });

    it('March: a 支部党员大会 with a space inside a name, and a 党课 with 学时 sent twice', async () => {
      at('2026-03-30T15:00:00');
      const congress = await say(SEC, record('类型：支部党员大会', '日期：3月28日', '主题：一季度工作总结', '参加人员：赵大勇、王 小燕'));
      expect(congress).toContain('2 人 × 5 分（参加支部党员大会） = 10 分');
      const lesson = record('类型：党课', '日期：3月30日', '主题：党章学习', '参加人员：赵大勇', '学时：2');
      expect(await say(SEC, lesson)).toContain('1 人 × 5 分（参加党课） = 5 分');
      const before = await activities();
      const again = await say(SEC, lesson);
      expect(again).toContain('这条记录已经登记过了');
      expect(await activities()).toBe(before);
    });

    it('the wrong group: the 书记 in another branch’s group is told where to send it, and nothing is saved', async () => {
      const before = await activities();
      const reply = await say(SEC, record('类型：支委会', '日期：3月30日', '主题：研究党员发展', '参加人员：李春生'), 'sb-group-jixie');
      expect(reply).toContain('请到东湾村党支部的工作群里发送');
      expect(await activities()).toBe(before);
    });

    it('March: the 联络员 posts the 党课’s photo; the receipt gives its number, and the same picture again is kept once', async () => {
      at('2026-03-30T15:20:00');
      const picture = makePng({ seed: 330 });
      const receipt = await post(LIAISON, picture, '党课现场');
      expect(receipt).toContain('已存为东湾村党支部的痕迹');
      expect(receipt).toContain('党课（第4号记录）'); // 1 主题党日, 2 党小组会, 3 支部党员大会, 4 党课
      lessonPhoto = Number(/照片 (\d+)/.exec(receipt)?.[1]);
      expect(lessonPhoto).toBeGreaterThan(0);
      const again = await post(SEC, picture, '党课现场');
      expect(again).toContain('已由王小燕存过');
      expect(await db().tracePhoto.count({ where: { organization: { name: '东湾村党支部' } } })).toBe(1);
      const traces = await say(SEC, '/痕迹 3月');
      expect(traces).toContain('东湾村党支部 2026年3月痕迹');
      expect(traces).toContain('本月共收到照片 1 张');
      expect(traces).toContain(`党课 · 党章学习 · 1 张（照片 ${lessonPhoto}）`);
      expect(traces).toMatch(/还没有照片的活动：[^\n]*支部党员大会（第3号记录）/);
    });
  });

  describe('second and third quarters', () => {
    it('00:30 on 1 April: 「今天」 is 1 April in Beijing, and a year-less 12月25日 is asked about, not saved', async () => {
      at('2026-04-01T00:30:00');
      const today = await say(SEC, record('类型：主题党日', '日期：今天', '主题：学习身边榜样', '参加人员：赵大勇'));
      expect(today).toContain('日期：4月1日');
      const saved = await db().activity.findFirstOrThrow({ where: { topic: '学习身边榜样' } });
      expect(saved.heldOn.toISOString().slice(0, 10)).toBe('2026-04-01');
      const before = await activities();
      const farBack = await say(SEC, record('类型：支委会', '日期：12月25日', '主题：年终总结', '参加人员：李春生'));
      expect(farBack).toContain('2025年12月25日');
      expect(farBack).toContain('还没有保存');
      expect(await say(SEC, '/取消')).toContain('取消');
      expect(await activities()).toBe(before);
    });

    it('May and June: six trainings of 4 学时; the points stop at the yearly 15, the 学时 do not', async () => {
      const days = ['2026-05-06', '2026-05-13', '2026-05-20', '2026-05-27', '2026-06-03', '2026-06-10'];
      for (const [i, day] of days.entries()) {
        at(`${day}T20:00:00`);
        const reply = await say(
          SEC,
          record(
            '类型：培训',
            `日期：${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`,
            `主题：乡村振兴专题培训第${i + 1}讲`,
            '参加人员：赵大勇',
            '学时：4',
          ),
        );
        expect(reply, day).toContain('会议记录已登记');
        if (i === 5) expect(reply).toContain('已达全年上限');
      }
      const training = await db().pointEntry.aggregate({
        where: { member: { name: '赵大勇' }, rule: { code: 'ATT_TRAINING' } },
        _sum: { points: true },
      });
      expect(training._sum.points).toBe(ZHAO.trainings);
    });

    it('July: 民主评议党员, a volunteer bonus and a deduction', async () => {
      at('2026-07-02T10:00:00');
      expect(await say(SEC, record('类型：民主评议', '日期：6月30日', '主题：2026年度民主评议党员', '参加人员：赵大勇、王小燕'))).toContain(
        '2 人 × 5 分（参加民主评议党员） = 10 分',
      );
      expect(await say(SEC, '/加分 @赵大勇 3 志愿服务：防汛值守')).toContain('已加分');
      expect(await say(SEC, '/扣分 @王小燕 2 无故缺席党小组会')).toContain('已扣分');
    });
  });

  describe('a briefing, a task and the problem ledger in summer', () => {
    it('July: the 书记’s 简报 is numbered 第1期, the 组织办 adopts it, and a repeat files nothing', async () => {
      at('2026-07-08T09:00:00');
      const filed = await say(SEC, '/简报 东湾村开展七一主题党日\n7月1日，东湾村党支部组织党员到烈士陵园重温入党誓词。');
      expect(filed).toContain('东湾村〔2026〕第1期');
      const briefing = await db().briefing.findFirstOrThrow({ where: { title: '东湾村开展七一主题党日' } });
      expect(await say('sb-admin', `/采用 ${briefing.id}`, 'sb-group-leading')).toContain('采用');
      expect((await db().briefing.findUniqueOrThrow({ where: { id: briefing.id } })).status).toBe('ADOPTED');
      const repeat = await say(LIAISON, '/简报 东湾村开展七一主题党日\n7月1日，东湾村党支部组织党员到烈士陵园重温入党誓词。');
      expect(repeat).toContain('已经报送过了');
      expect(repeat).toContain('已由李春生于 7月8日 09:00 报送，文号 东湾村〔2026〕第1期');
      expect(await db().briefing.count({ where: { organizationId: briefing.organizationId } })).toBe(1);
    });

    it('July: a task to every branch with a year-less deadline; the 书记 acknowledges and completes it', async () => {
      at('2026-07-10T09:00:00');
      const created = await say('sb-admin', '/任务 新建\n标题：报送上半年支部工作总结\n截止：7月20日\n对象：全部支部\n类型：报送报表', 'sb-group-leading');
      expect(created).toContain('7月20日');
      const task = await db().task.findFirstOrThrow({ where: { title: '报送上半年支部工作总结' } });
      // Anyone of the branch may press 「收到」 on the reminder; the second is told who already did.
      expect(await say(MEMBER, `/收到 ${task.id}`)).toContain('已确认收到');
      expect(await say(SEC, `/收到 ${task.id}`)).toContain('已由赵大勇于 7月10日（周五） 确认收到');
      expect(await say(SEC, `/任务 完成 ${task.id}`)).toContain('完成');
      const mine = await db().taskAssignment.findFirstOrThrow({ where: { taskId: task.id, organization: { name: '东湾村党支部' } } });
      expect(mine.status).toBe('DONE');
    });

    it('July: two problems in the ledger, one closed with the March photo by its number, and the overview counts them', async () => {
      at('2026-07-15T10:00:00');
      const form = (problem: string, deadline: string) =>
        `/问题 新增\n问题：${problem}\n原因：外出务工党员多\n整改目标：参与率达到98%\n措施：开展线上组织生活\n时限：${deadline}\n责任人：李 春生`;
      expect(await say(SEC, form('党员活动参与率低', '9月30日'))).toContain('已登记第 1 号问题');
      expect(await say(SEC, form('学习形式单一', '2026年11月30日'))).toContain('已登记第 2 号问题');
      expect(await say(SEC, '/问题 销号 1 照片 999999')).not.toContain('已销号');
      expect(await say(SEC, `/问题 销号 1 照片 ${lessonPhoto}`)).toContain('已销号');
      const overview = await say('sb-admin', '/问题 汇总', 'sb-group-leading');
      // 东湾村: 2 entries, 1 in progress, 0 overdue, 1 closed.
      expect(overview).toContain('东湾村 · 2 · 1 · 0 · 1');
    });
  });

  describe('fourth quarter and the end of the year', () => {
    it('November: 组织生活会 and a 谈心谈话 dated with full-width digits', async () => {
      at('2026-11-20T16:00:00');
      expect(await say(SEC, record('类型：组织生活会', '日期：11月18日', '主题：年度专题组织生活会', '参加人员：赵大勇 王小燕'))).toContain(
        '2 人 × 5 分（参加组织生活会） = 10 分',
      );
      const talk = await say(SEC, record('类型：谈心谈话', '日期：１１月１９日', '主题：谈思想谈工作', '参加人员：赵大勇'));
      expect(talk).toContain('1 人 × 2 分（参加谈心谈话） = 2 分');
      expect(talk).toContain('日期：11月19日');
    });

    it('10 December: /积分 and /星级 give the hand-worked totals, 暂定, and never 不合格', async () => {
      at('2026-12-10T10:00:00');
      const points = await say(MEMBER, '/积分');
      expect(points).toContain(`总分：${ZHAO_TOTAL} 分`);
      expect(ZHAO_TOTAL).toBe(48);
      expect(points).toContain(`学时：${ZHAO_HOURS} 学时 / 全年至少 24 学时`);
      expect(points).toContain('暂定');
      expect(points).not.toContain('不合格');
      const stars = await say(MEMBER, '/星级');
      expect(stars).toContain(`目前积分：${ZHAO_TOTAL} 分`);
      expect(stars).toContain(`还差 ${60 - ZHAO_TOTAL} 分可达一星党员`);
      expect(stars).not.toContain('不合格');
      expect(await say(LIAISON, '/积分')).toContain(`总分：${WANG_TOTAL} 分`);
    });

    it('the 积分榜 ranks them by the same totals, 暂定, and the exported 积分 sheet adds up to them', async () => {
      const board = await say(SEC, '/积分榜');
      expect(board).toContain('暂定');
      expect(board).toContain(`赵大勇 · ${ZHAO_TOTAL}`);
      expect(board).toContain(`王小燕 · ${WANG_TOTAL}`);
      expect(board).not.toContain('不合格');
      const notice = await say('sb-admin', '/公示 星级', 'sb-group-leading');
      expect(notice).toContain('暂定');
      expect(notice).not.toContain('不合格');
      const replies = await service.say(G, SEC, '/导出 积分');
      const file = replies.find((r) => r.file)?.file;
      expect(file?.fileName).toBe('东湾村党支部-2026年积分台账.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file!.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet(SHEETS.pointEntries)!;
      const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
      const nameColumn = header.findIndex((h) => h.includes('姓名'));
      const pointsColumn = header.findIndex((h) => h === '分值' || h.includes('积分') || h.includes('分数'));
      expect(nameColumn, header.join('|')).toBeGreaterThan(0);
      expect(pointsColumn, header.join('|')).toBeGreaterThan(0);
      const sums = new Map<string, number>();
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const name = String(row.getCell(nameColumn).value);
        sums.set(name, (sums.get(name) ?? 0) + Number(row.getCell(pointsColumn).value));
      });
      expect(sums.get('赵大勇')).toBe(ZHAO_TOTAL);
      expect(sums.get('王小燕')).toBe(WANG_TOTAL);
    });

    it('December: the 书记’s 自评 of the second half-year, with one item scored by hand, is read back from the exported 考评表', async () => {
      expect(await say(SEC, '/自评 开始')).toContain('已开始自评 · 东湾村党支部 · 2026年下半年');
      expect(await say(SEC, '/自评 评分 V1.1 2')).toContain('已评分');
      expect(await say(COMMITTEE, '/自评 评分 V1.1 九')).toContain('分数应是数字');
      const replies = await service.say(G, SEC, '/导出 考评');
      const file = replies.find((r) => r.file)?.file;
      expect(file?.fileName).toBe('东湾村党支部-2026年考评表.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file!.base64, 'base64') as unknown as ArrayBuffer);
      const rows = (workbook.getWorksheet(SHEETS.assessment)!.getSheetValues().slice(2) as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
      const item = rows.find((r) => r[1] === 'V1.1');
      expect(item, JSON.stringify(rows.slice(0, 3))).toBeDefined();
      expect(item![5]).toBe(2); // 得分: what the 书记 typed
    });

    it('the exported 台账 lists every record of the year with its photo, and the problem ledger with its 销号 day', async () => {
      const replies = await service.say(G, SEC, '/导出 台账');
      const file = replies.find((r) => r.file)?.file;
      expect(file?.fileName).toBe('东湾村党支部-2026年党建台账.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file!.base64, 'base64') as unknown as ArrayBuffer);
      const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues().slice(2) as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
      const daily = rows(SHEETS.daily);
      // 1 主题党日, 1 党小组会, 1 支部党员大会, 1 党课, 1 主题党日 (1 April), 6 培训, 1 民主评议, 1 组织生活会, 1 谈心谈话.
      expect(daily).toHaveLength(14);
      expect(daily.map((r) => r[0])).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      const lesson = daily.find((r) => r[3] === '党章学习')!;
      expect(lesson.slice(1, 8)).toEqual(['2026-03-30', '党课', '党章学习', lesson[4], 1, 2, 1]); // 实到 1, 学时 2, 照片 1
      const problems = rows(SHEETS.problems);
      expect(problems).toHaveLength(2);
      expect(problems[0]![9]).toBe('2026-07-15'); // 销号 on the day it was sent
      expect(problems[1]![9] ?? '').toBe('');
    });

    it('2 January 2027: the year is final; 2026 is rated 无星 for 48 points, and 2027 starts from 0', async () => {
      at('2027-01-02T10:00:00');
      const final = await say(MEMBER, '/星级 2026');
      expect(final).toContain(`${ZHAO_TOTAL} 分`);
      expect(final).toContain('无星');
      expect(final).not.toContain('暂定');
      const thisYear = await say(MEMBER, '/积分');
      expect(thisYear).toContain('2027年积分');
      expect(thisYear).toContain('总分：0 分');
      expect(await say(MEMBER, '/积分 2026')).toContain(`总分：${ZHAO_TOTAL} 分`);
    });
  });
});
