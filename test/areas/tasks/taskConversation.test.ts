import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DateTime } from 'luxon';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { createSchedulesProcessor } from '../../../src/app/jobs/createSchedulesProcessor.ts';
import type { SandboxAdapter } from '../../../bots/sandbox/SandboxAdapter.ts';
import type { SandboxLine } from '../../../bots/sandbox/SandboxChatLog.ts';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

describe('tasks, reminders and star boards in the sandbox chat', () => {
  let service: TestService;
  const clock = fixedClock(at('2026-11-20T10:00'));
  let taskId: number;

  const chatLog = (chatId: string) => (service.adapters.get('SANDBOX') as SandboxAdapter).log.lines(chatId);
  /** Waits (no timing assertion) until a bot line matching `match` is in the chat, and returns it. */
  async function botLine(chatId: string, match: (l: SandboxLine) => boolean): Promise<SandboxLine> {
    for (let i = 0; i < 100; i++) {
      const found = (await chatLog(chatId)).find((l) => l.from === 'bot' && match(l));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no matching bot message in ${chatId}: ${JSON.stringify((await chatLog(chatId)).map((l) => l.text.slice(0, 40)))}`);
  }
  const runSchedule = (name: string, local: string) => {
    clock.set(at(local));
    return createSchedulesProcessor({ db: service.database.prisma, config: service.config, clock, log: pino({ level: 'silent' }), queues: service.queues })({
      name,
      id: name,
    });
  };

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('shows the form template, then names every wrong field in Chinese', async () => {
    const [template] = await service.sayText('sb-group-leading', 'sb-admin', '/任务 新建');
    expect(template).toContain('标题：');
    expect(template).toContain('对象：全部支部');
    const [error] = await service.sayText('sb-group-leading', 'sb-admin', '/任务 新建 标题：；截止：2026-02-30；对象：火星村；类型：吃饭');
    expect(error).toContain('缺少「标题」');
    expect(error).toContain('「截止」日期看不懂');
    expect(error).toContain('「对象」里的组织「火星村」没有找到');
    expect(error).toContain('「类型」只能是');
    expect(await service.database.prisma.task.count({ where: { cadenceKey: null } })).toBe(0);
    const [denied] = await service.sayText('sb-group-dongwan', 'sb-dw-secretary', '/任务 新建 标题：x；截止：2026-12-01；对象：全部支部');
    expect(denied).toContain('只有组织办可以下达任务');
  });

  it('creates a task for all branches and tells each branch group, with a 收到 button', async () => {
    const [reply] = await service.sayText('sb-group-leading', 'sb-admin', '/任务 新建\n标题：报送支部三张表\n截止：11月27日\n对象：全部支部\n类型：报送报表');
    expect(reply).toContain('任务已下达');
    taskId = (await service.database.prisma.task.findFirstOrThrow({ where: { title: '报送支部三张表' } })).id;
    expect(await service.database.prisma.taskAssignment.count({ where: { taskId } })).toBe(7);
    const notice = await botLine('sb-group-jixie', (l) => l.text.includes('新任务'));
    expect(notice.text).toContain(`/收到 ${taskId}`);
    expect(JSON.stringify(notice.card)).toContain(`/收到 ${taskId}`);
  });

  it('acknowledges with /收到 once, lists and completes with /任务', async () => {
    const [ack] = await service.sayText('sb-group-dongwan', 'sb-dw-secretary', `/收到 ${taskId}`);
    expect(ack).toContain('已确认收到');
    const [again] = await service.sayText('sb-group-dongwan', 'sb-dw-member', `/收到 ${taskId}`);
    expect(again).toContain('已由李春生');
    const [list] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', '/任务');
    expect(list).toContain('报送支部三张表');
    const [wrong] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', '/任务 完成 abc');
    expect(wrong).toContain('「编号」应是任务的数字编号');
  });

  it('sends the morning reminder to the branch group, whose 收到 button works', async () => {
    const outcome = await runSchedule('morning', '2026-11-24T09:59');
    expect(outcome).toMatchObject({ today: '2026-11-24' });
    const reminder = await botLine('sb-group-jixie', (l) => l.text.includes('任务提醒'));
    expect(reminder.text).toContain('报送支部三张表');
    expect(reminder.text).toContain('还有 3 天');
    // 东湾村 said 收到 already: spared until the day itself.
    expect((await chatLog('sb-group-dongwan')).some((l) => l.text.includes('任务提醒'))).toBe(false);
    const [ack] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', `/收到 ${taskId}`);
    expect(ack).toContain('已确认收到');
    const [done] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', `/任务 完成 ${taskId}`);
    expect(done).toContain('已销号');
    const themeDay = await service.database.prisma.task.findFirstOrThrow({
      where: { cadenceKey: { startsWith: 'THEME_DAY:2026-12:' }, assignments: { some: { organization: { name: '青禾精密机械有限公司党支部' } } } },
    });
    const [byRecord] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', `/任务 完成 ${themeDay.id}`);
    expect(byRecord).toContain('上报「主题党日」记录后自动销号');
  });

  it('shows and changes the reminder settings for the 组织办 only', async () => {
    const [shown] = await service.sayText('sb-group-leading', 'sb-admin', '/提醒设置');
    expect(shown).toContain('7 天前、3 天前、1 天前、当天上午');
    expect(shown).toContain('每天 08:40');
    const [changed] = await service.sayText('sb-group-leading', 'sb-admin', '/提醒设置 提前 5,1');
    expect(changed).toContain('5 天前、1 天前');
    const [early] = await service.sayText('sb-group-leading', 'sb-admin', '/提醒设置 时间 7');
    expect(early).toContain('7 点的提醒会在那时才发出');
    const [bad] = await service.sayText('sb-group-leading', 'sb-admin', '/提醒设置 时间 25');
    expect(bad).toContain('「时间」应是 6–21 的整数');
    const [denied] = await service.sayText('sb-group-dongwan', 'sb-dw-secretary', '/提醒设置');
    expect(denied).toContain('只有组织办');
  });

  it('publishes the star boards: members to each branch group, branches to the leading group', async () => {
    const db = service.database.prisma;
    const members = await db.member.findMany({ where: { organization: { name: '东湾村党支部' } }, orderBy: { id: 'asc' } });
    await db.pointEntry.createMany({
      data: members.map((m, i) => ({
        memberId: m.id,
        organizationId: m.organizationId,
        year: 2026,
        points: i === 0 ? 95 : i === 1 ? 82 : 40,
        reason: '年度积分',
        sourceType: 'IMPORT',
      })),
    });
    const [reply] = await service.sayText('sb-group-leading', 'sb-admin', '/公示 星级');
    expect(reply).toContain('2026年度星级（暂定）已公示');
    const board = await botLine('sb-group-dongwan', (l) => l.text.includes('星级党员公示'));
    expect(board.text).toContain(`${members[0]!.name} · 95 · 三星党员`);
    expect(board.text).toContain(`${members[1]!.name} · 82 · 二星党员`);
    // During the year the board is provisional: 40 points is 暂未达到一星, never 无星 / 不合格 (domain.md §3).
    expect(board.text).toContain(`${members[2]!.name} · 40 · 暂未达到一星`);
    expect(board.text).not.toMatch(/无星|不合格/u);
    const branches = await botLine('sb-group-leading', (l) => l.text.includes('星级党组织公示'));
    expect(branches.text).toContain('东湾村党支部');
    expect(branches.text).toContain('积分均值');
    const stars = await db.memberStar.findMany({ where: { year: 2026, organizationId: members[0]!.organizationId } });
    expect(stars.every((s) => s.publishedAt !== null)).toBe(true);
    expect(stars.find((s) => s.memberId === members[0]!.id)?.stars).toBe(3);
  });
});
