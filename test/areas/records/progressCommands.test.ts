import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
// 2026-11-20 12:00 in Asia/Shanghai: 东湾村's fixed theme day (5th) has passed.
const clock = fixedClock('2026-11-20T04:00:00Z');

describe('/进度 and /未交', () => {
  let service: TestService;
  const record = (lines: string[]) => service.sayText(G, SEC, ['/会议记录', ...lines].join('\n'));

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('lists everything as missing at first, with the fixed day of 主题党日', async () => {
    const [reply] = await service.sayText(G, 'sb-dw-member', '/进度');
    expect(reply).toContain('东湾村党支部 · 组织生活进度');
    expect(reply).toContain('【本月 · 2026年11月】');
    expect(reply).toContain('⬜ 主题党日：未登记（每月1次，在支部固定日，固定日 11月5日 已过）');
    expect(reply).toContain('【本季度 · 2026年第四季度】');
    expect(reply).toContain('⬜ 支部党员大会：未登记');
    expect(reply).toContain('【本年度 · 2026年】');
    expect(reply).toContain('⬜ 民主评议党员：未登记');
    expect(reply).toContain('还有 8 项未登记');
  });

  it('marks held activities done with their dates; earlier quarters do not count', async () => {
    await record(['类型：主题党日', '日期：11月5日', '主题：a', '实到：8']);
    await record(['类型：党员大会', '日期：10月9日', '主题：b', '实到：8']);
    await record(['类型：党课', '日期：2026-09-30', '主题：c', '实到：8', '学时：2']);
    await record(['类型：谈心谈话', '日期：2026-03-01', '主题：d', '实到：2']);
    const [reply] = await service.sayText(G, 'sb-dw-member', '/进度');
    expect(reply).toContain('✅ 主题党日：已开 1 次（11月5日）');
    expect(reply).toContain('✅ 支部党员大会：已开 1 次（10月9日）');
    expect(reply).toContain('⬜ 党课：未登记'); // 9月30日 is the third quarter
    expect(reply).toContain('✅ 谈心谈话：已开 1 次（3月1日）');
    expect(reply).toContain('还有 5 项未登记');
  });

  it('only answers in a branch group', async () => {
    const [reply] = await service.sayText('sb-group-liaison', SEC, '/进度');
    expect(reply).toContain('只能在支部群里使用');
  });

  it('/未交 shows the 组织办 every branch with its gaps for the month and the quarter', async () => {
    const [reply] = await service.sayText('sb-group-leading', 'sb-admin', '/未交');
    expect(reply).toContain('各支部未交情况 · 2026年11月');
    expect(reply).toContain('6 个支部中有 6 个还有未登记的会议或活动');
    expect(reply).toContain('东湾村党支部 · 支委会、党小组会 · 党课');
    // 精密机械's fixed day is today: due, not yet overdue.
    expect(reply).toContain('青禾精密机械有限公司党支部 · 支委会、党小组会、主题党日 · 支部党员大会、党课');
    expect(reply).toContain('西岭村第一党支部 · 支委会、党小组会、主题党日（固定日 11月10日 已过） · 支部党员大会、党课');
  });

  it('/未交 lists a branch as complete once it has everything', async () => {
    await record(['类型：支委会', '日期：11月3日', '主题：e', '实到：5']);
    await record(['类型：党小组会', '日期：11月4日', '主题：f', '实到:5']);
    await record(['类型：党课', '日期：11月6日', '主题：g', '实到：8', '学时：1']);
    const [reply] = await service.sayText('sb-group-leading', 'sb-leader', '/未交');
    expect(reply).toContain('6 个支部中有 5 个还有未登记');
    expect(reply).toContain('已全部登记：东湾村党支部');
    const [progress] = await service.sayText(G, SEC, '/进度');
    expect(progress).toContain('还有 2 项未登记'); // the year's 组织生活会 and 民主评议党员
  });

  it('answers the same /进度 when asked again, and nothing changes', async () => {
    const [first] = await service.sayText(G, 'sb-dw-member', '/进度');
    const [second] = await service.sayText(G, 'sb-dw-member', '/进度');
    expect(second).toBe(first);
  });

  it.each([
    ['/进度', '请先绑定身份'],
    ['/星级', '请先绑定身份'],
    ['/积分榜', '请先绑定身份'],
    ['/未交', '请先绑定身份'],
  ])('asks people who have not bound their account to do so first (%s)', async (command, expected) => {
    const [reply] = await service.sayText(G, 'guest-1', command);
    expect(reply).toContain(expected);
  });

  it('/进度 needs a group bound to a branch', async () => {
    const [unbound] = await service.sayText('sb-group-new', SEC, '/进度');
    expect(unbound).toContain('已绑定组织的工作群');
    const [leading] = await service.sayText('sb-group-leading', 'sb-admin', '/进度');
    expect(leading).toContain('只能在支部群里使用');
  });

  it('/未交 is for the 组织办 and the leading group only', async () => {
    const [reply] = await service.sayText(G, SEC, '/未交');
    expect(reply).toContain('只有组织办、领导小组成员可以使用');
  });
});
