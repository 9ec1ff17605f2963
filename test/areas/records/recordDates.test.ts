import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
const beijing = (local: string) => new Date(`${local}+08:00`);
const record = (type: string, date: string, topic: string) => `/会议记录\n类型：${type}\n日期：${date}\n主题：${topic}\n参加人员：李春生 陈秀英`;

// Played as a 书记 would on 3 December 2026: dates without a year, full-width punctuation, a repeat.
describe('dates people write in /会议记录', () => {
  let service: TestService;
  const clock = fixedClock(beijing('2026-12-03T09:00:00'));
  const db = () => service.database.prisma;

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('asks before saving 12月25日 as last year, and saves nothing until /确认', async () => {
    const [question] = await service.sayText(G, SEC, record('支委会', '12月25日', '年终总结'));
    expect(question).toContain('请确认日期的年份');
    expect(question).toContain('2025年12月25日');
    expect(question).toContain('/确认');
    expect(await db().activity.count()).toBe(0);
    const [receipt] = await service.sayText(G, SEC, '/确认');
    expect(receipt).toContain('会议记录已登记 · 2025年第1号');
    expect(receipt).toContain('日期：2025年12月25日');
    const saved = await db().activity.findFirstOrThrow();
    expect([saved.year, saved.heldOn.toISOString().slice(0, 10)]).toEqual([2025, '2025-12-25']);
  });

  it('/取消 drops the question and tells how to write the year', async () => {
    const [question] = await service.sayText(G, SEC, record('党小组会', '9月1日', '学习'));
    expect(question).toContain('2026年9月1日');
    const [cancelled] = await service.sayText(G, SEC, '/取消');
    expect(cancelled).toContain('没有保存');
    expect(cancelled).toContain('写上年份');
    expect(await db().activity.count()).toBe(1);
  });

  it('saves recent dates at once, full-width or not, and shows no year for this year', async () => {
    const [a] = await service.sayText(G, SEC, record('支委会', '2026．12．1', '研究年终工作'));
    expect(a).toContain('会议记录已登记 · 2026年第1号');
    expect(a).toContain('日期：12月1日');
    const [b] = await service.sayText(G, SEC, record('党小组会', '１１／２０', '学习全会精神'));
    expect(b).toContain('日期：11月20日');
    const [c] = await service.sayText(G, SEC, record('主题党日', '十二月二日', '志愿服务'));
    expect(c).toContain('日期：12月2日');
  });

  it('asks again for a date written with a year of its own only when it repeats a record', async () => {
    const [repeat] = await service.sayText(G, SEC, record('支委会', '2026年12月1日', '研究年终工作和党费收缴'));
    expect(repeat).toContain('已有同一天的记录');
    expect(repeat).toContain('12月1日的支委会已经登记过');
    expect(await service.sayText(G, SEC, '/取消')).toEqual([expect.stringContaining('保留原记录不变')]);
  });

  it('refuses an impossible or future day, saying why', async () => {
    const [leap] = await service.sayText(G, SEC, record('支委会', '2月29日', '学习'));
    expect(leap).toContain('2026年不是闰年');
    const [future] = await service.sayText(G, SEC, record('支委会', '2026-12-04', '学习'));
    expect(future).toContain('将来的日期');
  });

  it('lists last year in /进度-style views with the year, and /痕迹 reads months without a year', async () => {
    const [traces] = await service.sayText(G, SEC, '/痕迹 十二月');
    expect(traces).toContain('2026年12月痕迹');
    const [lastYear] = await service.sayText(G, SEC, '/痕迹 2025年12月');
    expect(lastYear).toContain('2025年12月25日');
  });
});
