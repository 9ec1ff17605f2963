import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../support/demoConversation.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';

/** Counters and awards are guarded: no negative, zero, fractional or implausible counts, no silent double counting. */
describe('/项目 登记 and /加分 guards', () => {
  let chat: DemoConversation;
  const db = () => chat.database.prisma;
  const done = async (code: string) => (await db().programmeEntry.aggregate({ where: { programme: { code } }, _sum: { amount: true } }))._sum.amount ?? 0;
  beforeAll(async () => {
    chat = await startDemoConversation({ now: '2026-12-31T15:30:00Z' }); // 31 December 23:30 in Beijing
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it.each([
    ['/项目 登记 7 -3', '「-3」'],
    ['/项目 登记 7 −3', '「−3」'],
    ['/项目 登记 7 0', '「0」'],
    ['/项目 登记 7 2.5', '「2.5」'],
    ['/项目 登记 7 500', '「500」'],
    ['/项目 登记 7 11', '「11」'],
  ])('refuses %s with the allowed range and counts nothing', async (text, shown) => {
    const [reply] = await chat.sayText(G, SEC, text);
    expect(reply).toContain('没能办理');
    // Target 100名: one registration counts at most a tenth of it.
    expect(reply).toContain(`「数量」应是 1 到 10 之间的整数（目标 100名`);
    expect(reply).toContain(shown);
    expect(await done('B100-07')).toBe(0);
  });

  it('accepts the bounds 1 and 10, and a note that starts with a number stays a note', async () => {
    expect((await chat.sayText(G, SEC, '/项目 登记 7 10 十名指导员到岗'))[0]).toContain('+10名（十名指导员到岗）');
    expect((await chat.sayText(G, SEC, '/项目 登记 7 1'))[0]).toContain('累计 11/100名');
    expect((await chat.sayText(G, SEC, '/项目 登记 5 3月份品牌创建'))[0]).toContain('+1个（3月份品牌创建）');
  });

  it('asks /确认 before counting the same line from the same person twice within 10 minutes', async () => {
    const first = await chat.sayText(G, SEC, '/项目 登记 党建品牌 2 红色渔港');
    expect(first[0]).toContain('累计 3/100个');
    chat.clock.advance(5 * 60_000);
    const [question] = await chat.sayText(G, SEC, '/项目 登记 党建品牌 2 红色渔港');
    expect(question).toContain('要再登记一次吗？');
    expect(question).toContain('5 分钟前你已经登记过同样的一条');
    expect(await done('B100-05')).toBe(3);
    const [cancelled] = await chat.sayText(G, SEC, '/取消');
    expect(cancelled).toContain('没有重复登记');
    expect(await done('B100-05')).toBe(3);
    await chat.sayText(G, SEC, '/项目 登记 党建品牌 2 红色渔港');
    const [confirmed] = await chat.sayText(G, SEC, '/确认');
    expect(confirmed).toContain('累计 5/100个');
    // After the window the same line is simply counted (a new batch).
    chat.clock.advance(11 * 60_000);
    expect((await chat.sayText(G, SEC, '/项目 登记 党建品牌 2 红色渔港'))[0]).toContain('累计 7/100个');
  });

  it('asks /确认 before giving the same /加分 twice, and a different reason is not a repeat', async () => {
    const zhao = await db().member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const total = async () => (await db().pointEntry.aggregate({ where: { memberId: zhao.id }, _sum: { points: true } }))._sum.points ?? 0;
    expect((await chat.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务：防汛值守'))[0]).toContain('已加分');
    chat.clock.advance(60_000);
    const [question] = await chat.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务：防汛值守');
    expect(question).toContain('要再加分一次吗？');
    expect(question).toContain('1 分钟前你已经给赵大勇加分 3 分');
    expect(await total()).toBe(3);
    const [again] = await chat.sayText(G, SEC, '/确认');
    expect(again).toContain('赵大勇 2026年累计 6 分');
    expect(await total()).toBe(6);
    expect((await chat.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务：清理河道'))[0]).toContain('已加分');
    expect(await total()).toBe(9);
    const [deduct] = await chat.sayText(G, SEC, '/扣分 @赵大勇 5 无故缺席');
    expect(deduct).toContain('已扣分');
    const [deductAgain] = await chat.sayText(G, SEC, '/扣分 @赵大勇 5 无故缺席');
    expect(deductAgain).toContain('要再扣分一次吗？');
    expect((await chat.sayText(G, SEC, '/取消'))[0]).toContain('只记了一次');
    expect(await total()).toBe(4);
  });
});
