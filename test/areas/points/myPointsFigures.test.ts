import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary'; // 李春生
const MEMBER = 'sb-dw-member'; // 赵大勇

/** Instants given as Asia/Shanghai wall-clock times (UTC+8, no daylight saving), as the service's TZ_NAME reads them. */
const local = (wallClock: string) => new Date(`${wallClock}+08:00`);

/**
 * Every figure /积分 shows, pinned for one member whose entries were made across the months of 2026 and on both
 * sides of the two new years in Asia/Shanghai: the year of an entry is the calendar year of the day it was made
 * there (a meeting's, of the day it was held), so 23:50 on 31 December is still the old year and 00:05 on
 * 1 January already the new one, whatever UTC says.
 */
describe('/积分 figures across the year and its boundaries', () => {
  const clock = fixedClock(local('2025-12-31T23:50:00'));
  let service: TestService;
  const db = () => service.database.prisma;
  const at = async (wallClock: string, text: string, user = SEC) => {
    clock.set(local(wallClock));
    const replies = await service.sayText(G, user, text);
    expect(replies.join('\n')).not.toContain('没能办理');
    return replies.join('\n');
  };
  const meeting = (type: string, day: string, hours: number) =>
    ['/会议记录', `类型：${type}`, `日期：${day}`, `主题：${type}`, '参加人员：赵大勇', `学时：${hours}`].join('\n');

  beforeAll(async () => {
    service = await startTestService({ clock });
    const dongwan = (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    const zhao = (await db().member.findFirstOrThrow({ where: { name: '赵大勇' } })).id;
    await db().pointEntry.deleteMany({});

    await at('2025-12-31T23:50:00', '/加分 @赵大勇 3 志愿服务：跨年夜值守'); // 2025, ten minutes before the new year
    await at('2026-01-01T00:05:00', '/加分 @赵大勇 2 自学党章'); // 2026, five minutes into it (still 2025 in UTC)
    await at('2026-01-05T10:00:00', meeting('党课', '1月4日', 3));
    await at('2026-04-12T09:00:00', meeting('主题党日', '4月10日', 2));
    await at('2026-06-15T16:00:00', '/加分 @赵大勇 3 志愿服务：防汛值守');
    await at('2026-08-20T11:00:00', '/加分 @赵大勇 20 抗洪抢险');
    await at('2026-09-18T11:00:00', '/加分 @赵大勇 20 助力秋收');
    await at('2026-10-08T11:00:00', '/加分 @赵大勇 19.5 带头移风易俗');
    await at('2026-11-05T20:00:00', '/扣分 @赵大勇 5 无故缺席11月主题党日');
    // An imported balance carries no rule: it is shown as 其他.
    await db().pointEntry.create({ data: { memberId: zhao, organizationId: dongwan, year: 2026, points: 10, reason: '年初结转', sourceType: 'IMPORT' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  const year2026 = (total: string, bonus: string, star: string) =>
    [
      '【赵大勇 · 2026年积分】',
      `总分：${total} 分`,
      star,
      '学时：5 学时 / 全年至少 24 学时',
      '明细：',
      '参加组织生活：8 分',
      '  · 参加党课 5 分（全年上限 20）',
      '  · 参加主题党日 3 分（全年上限 36）',
      '志愿服务：3 分',
      '  · 志愿服务 3 分（全年上限 15）',
      '学习教育：2 分',
      '  · 自学 2 分（全年上限 10）',
      `其他：${Number(bonus) + 10} 分`,
      `  · 其他加分 ${bonus} 分`,
      '  · 其他 10 分',
      '扣分：-5 分',
      '  · 无故缺席 -5 分',
      '发送 /星级 查看离下一星还差多少分。',
    ].join('\n');

  it('at 23:20 on 31 December: 77.5 points, within reach of 一星 (暂定)', async () => {
    const reply = await at('2026-12-31T23:20:00', '/积分', MEMBER);
    expect(reply).toBe(year2026('77.5', '59.5', '星级（暂定，截至2026年12月31日）：一星党员'));
  });

  it('at 23:45, after an entry at 23:30 that still belongs to 2026: 80 points, 二星 within reach', async () => {
    await at('2026-12-31T23:30:00', '/加分 @赵大勇 2.5 年终帮扶困难户');
    const reply = await at('2026-12-31T23:45:00', '/积分', MEMBER);
    expect(reply).toBe(year2026('80', '62', '星级（暂定，截至2026年12月31日）：二星党员'));
    // The secretary looking at the member sees the very same figures.
    expect(await at('2026-12-31T23:46:00', '/积分 @赵大勇')).toBe(reply);
  });

  it('ten minutes into 2027: the new entry counts for 2027 alone, and 2026 is final with the same figures', async () => {
    await at('2027-01-01T00:10:00', '/加分 @赵大勇 4 志愿服务：元旦慰问');
    expect(await at('2027-01-01T00:20:00', '/积分', MEMBER)).toBe(
      [
        '【赵大勇 · 2027年积分】',
        '总分：4 分',
        '星级（暂定，截至2027年1月1日）：暂未达到一星',
        '学时：0 学时 / 全年至少 24 学时',
        '明细：',
        '志愿服务：4 分',
        '  · 志愿服务 4 分（全年上限 15）',
        '发送 /星级 查看离下一星还差多少分。',
      ].join('\n'),
    );
    expect(await at('2027-01-01T00:21:00', '/积分 2026', MEMBER)).toBe(year2026('80', '62', '星级（最终评定）：二星党员'));
  });

  it('2025 holds the entry made ten minutes before its end; 2024, when nothing was kept, is 未评定', async () => {
    expect(await at('2027-01-01T00:22:00', '/积分 2025', MEMBER)).toBe(
      [
        '【赵大勇 · 2025年积分】',
        '总分：3 分',
        '星级（最终评定）：无星（不合格党员）',
        '学时：0 学时 / 全年至少 24 学时',
        '明细：',
        '志愿服务：3 分',
        '  · 志愿服务 3 分（全年上限 15）',
        '发送 /星级 查看离下一星还差多少分。',
      ].join('\n'),
    );
    expect(await at('2027-01-01T00:23:00', '/积分 2024', MEMBER)).toBe(
      [
        '【赵大勇 · 2024年积分】',
        '总分：0 分',
        '星级（最终评定）：未评定（本组织2024年没有任何记录）',
        '学时：0 学时 / 全年至少 24 学时',
        '明细：',
        '2024年没有积分记录。',
        '发送 /星级 查看离下一星还差多少分。',
      ].join('\n'),
    );
  });

  it('a member who joined late and an exempt member: what the rating says of them', async () => {
    const named = (name: string) => db().member.findFirstOrThrow({ where: { organization: { name: '东湾村党支部' }, name } });
    const [late, exempt] = [await named('胡永刚'), await named('黄桂英')];
    await db().member.update({ where: { id: late.id }, data: { joinedAt: new Date('2026-07-01T00:00:00Z') } });
    await db().member.update({ where: { id: exempt.id }, data: { ratingExempt: true, exemptReason: '长期病休', exemptYear: 2026 } });
    const lateReply = await at('2027-01-01T00:30:00', `/积分 @${late.name} 2026`);
    expect(lateReply).toContain('星级（最终评定）：未评定（2026年7月1日入党或转入，2026年7月1日及以后入党或转入的当年不参评）');
    const exemptReply = await at('2027-01-01T00:31:00', `/积分 @${exempt.name} 2026`);
    expect(exemptReply).toContain('星级：免于星级评定');
  });

  it('an exemption approved for 2026 leaves the member out of 2026 only: 2025 shows their rating, as /星级 does', async () => {
    const exempt = await db().member.findFirstOrThrow({ where: { organization: { name: '东湾村党支部' }, name: '黄桂英' } });
    expect(exempt.exemptYear).toBe(2026);
    const reply = await at('2027-01-01T00:40:00', '/积分 @黄桂英 2025');
    expect(reply).toContain('黄桂英 · 2025年积分');
    expect(reply).toContain('星级（最终评定）：无星（不合格党员）'); // 0 points in a year 东湾 kept records
    expect(reply).not.toContain('免于');
    expect(await at('2027-01-01T00:41:00', '/积分 @黄桂英 2026')).toContain('星级：免于星级评定');
  });
});
