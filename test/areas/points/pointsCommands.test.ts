import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
const MEMBER = 'sb-dw-member'; // 赵大勇
const clock = fixedClock('2026-11-20T04:00:00Z');

describe('points and stars in chat', () => {
  let service: TestService;
  let zhao: number;
  let dongwan: number;
  let others: { id: number; name: string }[];
  const db = () => service.database.prisma;
  const totalOf = async (memberId: number) => (await db().pointEntry.aggregate({ where: { memberId, year: 2026 }, _sum: { points: true } }))._sum.points ?? 0;
  async function setPoints(memberId: number, points: number) {
    await db().pointEntry.deleteMany({ where: { memberId } });
    if (points !== 0) {
      await db().pointEntry.create({ data: { memberId, organizationId: dongwan, year: 2026, points, reason: '测试', sourceType: 'IMPORT' } });
    }
  }

  beforeAll(async () => {
    service = await startTestService({ clock });
    dongwan = (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    zhao = (await db().member.findFirstOrThrow({ where: { name: '赵大勇' } })).id;
    others = await db().member.findMany({ where: { organizationId: dongwan, id: { not: zhao } }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('/加分 and /扣分', () => {
    beforeEach(async () => {
      await db().pointEntry.deleteMany({});
    });

    it('adds points for a member of the branch with the reason, and audits who, when and why', async () => {
      const [reply] = await service.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务：参加防汛值守');
      expect(reply).toContain('已加分');
      expect(reply).toContain('赵大勇 +3 分（志愿服务）');
      expect(reply).toContain('2026年累计 3 分');
      const entry = await db().pointEntry.findFirstOrThrow({ where: { memberId: zhao }, include: { rule: true } });
      expect(entry.points).toBe(3);
      expect(entry.rule?.code).toBe('VOLUNTEER');
      expect(entry.reason).toBe('志愿服务：参加防汛值守');
      const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'points.added', targetId: String(zhao) } });
      expect(audit.actorId).toBe((await db().member.findFirstOrThrow({ where: { name: '李春生' } })).id);
      expect(audit.detail).toMatchObject({ points: 3, reason: '志愿服务：参加防汛值守' });
    });

    it('deducts points, and works for members named without a chat account', async () => {
      const target = others.find((o) => !['李春生', '陈秀英', '王小燕'].includes(o.name))!;
      const [reply] = await service.sayText(G, SEC, `/扣分 @${target.name} 5 无故缺席11月主题党日`);
      expect(reply).toContain(`${target.name} −5 分（无故缺席）`);
      expect(await totalOf(target.id)).toBe(-5);
    });

    it('falls back to 其他加分 when the reason names no rule', async () => {
      const [reply] = await service.sayText(G, SEC, '/加分 @赵大勇 2.5 帮助困难群众');
      expect(reply).toContain('+2.5 分（其他加分）');
    });

    const invalid: [string, string, string][] = [
      ['nobody mentioned', '/加分 3 志愿服务', '请@要加分的党员'],
      ['no score', '/加分 @赵大勇', '缺少「分数」'],
      ['zero score', '/加分 @赵大勇 0 志愿服务', '「分数」应是正数'],
      ['negative score', '/扣分 @赵大勇 -3 迟到', '「分数」应是正数'],
      ['word score', '/加分 @赵大勇 三 志愿服务', '「分数」应是正数'],
      ['too large', '/加分 @赵大勇 50 志愿服务', '一次最多 20 分'],
      ['no reason', '/加分 @赵大勇 3', '缺少「原因」'],
      ['unknown person', '/加分 @不存在 3 志愿服务', '没有找到党员「不存在」'],
      ['two people', '/加分 @赵大勇 @陈秀英 3 志愿服务', '一次只能写一位党员'],
    ];
    it.each(invalid)('refuses %s and changes nothing', async (_label, text, expected) => {
      const [reply] = await service.sayText(G, SEC, text);
      expect(reply).toContain('没能办理');
      expect(reply).toContain(expected);
      expect(reply).toMatch(/正确写法：\/(加分|扣分) @某人 <分数> <原因>/);
      expect(await db().pointEntry.count()).toBe(0);
    });

    it('refuses members who are not secretaries', async () => {
      const [reply] = await service.sayText(G, MEMBER, '/加分 @赵大勇 3 志愿服务');
      expect(reply).toContain('只有书记可以使用');
      expect(await db().pointEntry.count()).toBe(0);
    });

    it('refuses a secretary acting on a member of another branch', async () => {
      const [reply] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', '/加分 @赵大勇 3 志愿服务');
      expect(reply).toContain('赵大勇 不是你所管支部的党员');
      expect(await db().pointEntry.count()).toBe(0);
    });

    it('refuses a secretary in another branch group, and people who have not bound their account', async () => {
      const [wrongGroup] = await service.sayText('sb-group-jixie', SEC, '/加分 @赵大勇 3 志愿服务');
      expect(wrongGroup).toContain('没有这个权限');
      const [guest] = await service.sayText(G, 'guest-1', '/积分');
      expect(guest).toContain('请先绑定身份');
      expect(await db().pointEntry.count()).toBe(0);
    });

    it('keeps within the rule yearly cap (志愿服务 15)', async () => {
      for (let i = 0; i < 5; i++) expect((await service.sayText(G, SEC, `/加分 @赵大勇 3 志愿服务第${i + 1}次`))[0]).toContain('已加分');
      const [reply] = await service.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务第6次');
      expect(reply).toContain('「志愿服务」全年最多 15 分');
      expect(reply).toContain('已经到上限');
      expect(await totalOf(zhao)).toBe(15);
    });

    it('adds once when the same message arrives twice', async () => {
      await service.say(G, SEC, '/加分 @赵大勇 2 自学党章', { messageId: 'add-twice' });
      await service.say(G, SEC, '/加分 @赵大勇 2 自学党章', { messageId: 'add-twice' });
      await db().inboundEvent.updateMany({ where: { eventId: 'add-twice' }, data: { processedAt: null } });
      await service.queues.inbound.getJob('SANDBOX-add-twice').then((j) => j?.remove());
      await service.say(G, SEC, '/加分 @赵大勇 2 自学党章', { messageId: 'add-twice' });
      expect(await totalOf(zhao)).toBe(2);
      expect(await db().auditLog.count({ where: { action: 'points.added', detail: { path: ['eventKey'], equals: 'SANDBOX:add-twice' } } })).toBe(1);
    });
  });

  describe('/积分', () => {
    it('shows my points with the breakdown by category and rule, and my 学时', async () => {
      await db().pointEntry.deleteMany({});
      await service.sayText(G, SEC, '/加分 @赵大勇 3 志愿服务');
      await service.sayText(G, SEC, '/扣分 @赵大勇 5 无故缺席');
      await service.sayText(G, SEC, ['/会议记录', '类型：党课', '日期：11月2日', '主题：党课', '参加人员：赵大勇', '学时：3'].join('\n'));
      const [reply] = await service.sayText(G, MEMBER, '/积分');
      expect(reply).toContain('赵大勇 · 2026年积分');
      expect(reply).toContain('总分：3 分'); // 3 + 5 − 5
      expect(reply).toContain('参加组织生活：5 分');
      expect(reply).toContain('参加党课 5 分（全年上限 20）');
      expect(reply).toContain('志愿服务：3 分');
      expect(reply).toContain('扣分：-5 分');
      expect(reply).toContain('学时：3 学时 / 全年至少 24 学时');
      // 3 points in November: provisional, never 无星 / 不合格 before the year is final (domain.md §3).
      expect(reply).toContain('星级（暂定，截至2026年11月20日）：暂未达到一星');
      expect(reply).not.toMatch(/无星|不合格/u);
    });

    it('looks at another year when one is named, and refuses what it cannot read', async () => {
      await db().pointEntry.create({ data: { memberId: zhao, organizationId: dongwan, year: 2025, points: 88, reason: '去年', sourceType: 'IMPORT' } });
      const [lastYear] = await service.sayText(G, MEMBER, '/积分 2025');
      expect(lastYear).toContain('赵大勇 · 2025年积分');
      expect(lastYear).toContain('总分：88 分');
      const [future] = await service.sayText(G, MEMBER, '/积分 2030');
      expect(future).toContain('只能查看 2021–2026 年的积分');
      const [gibberish] = await service.sayText(G, MEMBER, '/积分 很多');
      expect(gibberish).toContain('看不懂「很多」');
      await db().pointEntry.deleteMany({ where: { year: 2025 } });
    });

    it('lets the branch secretary and the 组织办 look at a member, not other members', async () => {
      const [secretary] = await service.sayText(G, SEC, '/积分 @赵大勇');
      expect(secretary).toContain('赵大勇 · 2026年积分');
      const [admin] = await service.sayText('sb-group-leading', 'sb-admin', '/积分 @赵大勇');
      expect(admin).toContain('赵大勇 · 2026年积分');
      const [member] = await service.sayText(G, MEMBER, '/积分 @李春生');
      expect(member).toContain('查看别人的积分需要是该党员所在支部的书记或组织办');
      const [otherSecretary] = await service.sayText('sb-group-jixie', 'sb-jx-secretary', '/积分 @赵大勇');
      expect(otherSecretary).toContain('不是你所管支部的党员');
    });
  });

  describe('/星级 at the boundaries of domain.md §3', () => {
    const cases: [number, string, string][] = [
      [0, '暂未达到一星', '还差 60 分可达一星党员'],
      [59, '暂未达到一星', '还差 1 分可达一星党员'],
      [60, '一星党员', '还差 20 分可达二星党员'],
      [79, '一星党员', '还差 1 分可达二星党员'],
      [80, '二星党员', '还差 10 分可达三星党员'],
      [89, '二星党员', '还差 1 分可达三星党员'],
      [90, '三星党员', '已达到最高星级'],
    ];
    it.each(cases)('%s points → %s', async (points, label, next) => {
      await setPoints(zhao, points);
      const [reply] = await service.sayText(G, MEMBER, '/星级');
      expect(reply).toContain(`目前积分：${points} 分`);
      expect(reply).toContain(`按目前积分可达：${label}`);
      expect(reply).toContain(next);
      expect(reply).toContain('暂定，截至2026年11月20日');
      expect(reply).not.toMatch(/无星|不合格/u);
    });

    it('projects the year from the pace so far (324 of 365 days gone)', async () => {
      await setPoints(zhao, 81);
      const [reply] = await service.sayText(G, MEMBER, '/星级');
      // 2026-11-20 12:00: 323.5 days of 364.99 gone → 81 / 323.5 × 364.99 = 91.4 → 91.
      expect(reply).toContain('年底约 91 分，可达三星党员');
    });

    it('tells an exempt member they are left out of the rating', async () => {
      await db().member.update({ where: { id: zhao }, data: { ratingExempt: true, exemptReason: '长期病休' } });
      const [reply] = await service.sayText(G, MEMBER, '/星级');
      expect(reply).toContain('未评定（经申请免于评定：长期病休）');
      expect(reply).not.toContain('按目前积分');
      await db().member.update({ where: { id: zhao }, data: { ratingExempt: false, exemptReason: null } });
    });
  });

  describe('/积分榜', () => {
    it('ranks the branch with ties, counts stars, and lists exempt members apart', async () => {
      await db().pointEntry.deleteMany({});
      const [a, b, c, d] = others;
      await setPoints(a!.id, 95);
      await setPoints(b!.id, 85);
      await setPoints(c!.id, 85);
      await setPoints(d!.id, 70);
      await setPoints(zhao, 99);
      await db().member.update({ where: { id: zhao }, data: { ratingExempt: true } });
      const [reply] = await service.sayText(G, MEMBER, '/积分榜');
      await db().member.update({ where: { id: zhao }, data: { ratingExempt: false } });
      const rated = others.length;
      expect(reply).toContain('东湾村党支部 · 2026年积分榜（暂定，截至2026年11月20日）');
      expect(reply).toContain(`参评 ${rated} 人，按目前积分：三星 1 人，二星 2 人，一星 1 人，未达一星 ${rated - 4} 人`);
      expect(reply).not.toMatch(/无星|不合格/u);
      expect(reply).toContain(`1 · ${a!.name} · 95 · 三星党员`);
      expect(reply).toContain(`2 · ${b!.name} · 85 · 二星党员`);
      expect(reply).toContain(`2 · ${c!.name} · 85 · 二星党员`);
      expect(reply).toContain(`4 · ${d!.name} · 70 · 一星党员`);
      expect(reply).toContain('不参与排名：赵大勇 99 分，未评定（经申请免于评定）');
      expect(reply).not.toContain('· 赵大勇 ·');
    });

    it('shows a named branch to the 组织办 but not to a member of another branch', async () => {
      const [admin] = await service.sayText('sb-group-leading', 'sb-admin', '/积分榜 东湾村党支部');
      expect(admin).toContain('东湾村党支部 · 2026年积分榜');
      const [stranger] = await service.sayText(G, MEMBER, '/积分榜 精密机械');
      expect(stranger).toContain('你不是「青禾精密机械有限公司党支部」的党员');
      const [unknown] = await service.sayText(G, MEMBER, '/积分榜 火星支部');
      expect(unknown).toContain('没有找到支部「火星支部」');
    });
  });
});
