import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { waitForBotMessage, groupMessages } from '../../support/sandboxLog.ts';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const G = 'sb-group-dongwan';
const LEAD = 'sb-group-leading';

/**
 * Provisional vs final star ratings (domain.md §3) across the year's last midnight in Beijing: before the year
 * is final nobody is called 无星 or 不合格; the final rating names them, only among members rated that year.
 */
describe('star ratings: 暂定 during the year, final after 31 December or 定级', () => {
  let service: TestService;
  const clock = fixedClock(at('2026-12-31T23:30'));
  const db = () => service.database.prisma;
  let late: string;
  let zeroMember: string;
  let nantangMember: string;

  beforeAll(async () => {
    service = await startTestService({ clock });
    const orgId = async (name: string) => (await db().organization.findUniqueOrThrow({ where: { name } })).id;
    const dongwan = await orgId('东湾村党支部');
    const xiling = await orgId('西岭村党总支');
    const give = async (name: string, points: number) => {
      const m = await db().member.findFirstOrThrow({ where: { name } });
      await db().pointEntry.create({
        data: { memberId: m.id, organizationId: m.organizationId, year: 2026, points, reason: '年度积分', sourceType: 'IMPORT' },
      });
    };
    await give('李春生', 95);
    await give('陈秀英', 82);
    await give('赵大勇', 40);
    await give('王小燕', 10);
    await db().member.updateMany({ where: { name: '王小燕' }, data: { ratingExempt: true, exemptReason: '外出务工' } });
    const extras = await db().member.findMany({
      where: { organizationId: dongwan, roles: { every: { role: 'MEMBER' } }, identities: { none: {} } },
      orderBy: { id: 'asc' },
    });
    late = extras[0]!.name;
    zeroMember = extras[1]!.name;
    await db().member.update({ where: { id: extras[0]!.id }, data: { joinedAt: new Date('2026-08-01T00:00:00Z') } });
    await give(late, 70);
    for (const m of await db().member.findMany({ where: { organizationId: xiling } })) await give(m.name, 85);
    nantangMember = (await db().member.findFirstOrThrow({ where: { organization: { name: '南塘社区党支部' } }, orderBy: { id: 'asc' } })).name;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('31 December 23:30: the ranking, /星级 and the /加分 receipt are 暂定 and never say 无星 or 不合格', async () => {
    const [board] = await service.sayText(G, 'sb-dw-member', '/积分榜');
    expect(board).toContain('2026年积分榜（暂定，截至2026年12月31日）');
    expect(board).toContain('赵大勇 · 40 · 暂未达到一星');
    expect(board).toContain(`${zeroMember} · 0 · 暂未达到一星`);
    expect(board).toContain('李春生 · 95 · 三星党员');
    expect(board).toContain(`${late} 70 分，未评定（2026年8月1日入党或转入`);
    expect(board).toContain('王小燕 10 分，未评定（经申请免于评定：外出务工）');
    expect(board).not.toMatch(/无星|不合格/u);
    const [stars] = await service.sayText(G, 'sb-dw-member', '/星级');
    expect(stars).toContain('按目前积分可达：暂未达到一星');
    expect(stars).toContain('还差 20 分可达一星党员'); // 60 − 40
    expect(stars).not.toMatch(/无星|不合格/u);
    const [receipt] = await service.sayText(G, 'sb-dw-secretary', '/加分 @赵大勇 2 志愿服务');
    expect(receipt).toContain('赵大勇 2026年累计 42 分，按目前积分可达：暂未达到一星（暂定）。');
    expect(receipt).not.toMatch(/无星|不合格/u);
  });

  it('31 December 23:30: /公示 星级 sends 暂定 boards; a 党总支 is named 党总支', async () => {
    const [reply] = await service.sayText(LEAD, 'sb-admin', '/公示 星级');
    expect(reply).toContain('2026年度星级（暂定）已公示');
    expect(reply).not.toMatch(/无星|不合格/u);
    const members = await waitForBotMessage(service.url, G, '星级党员公示（暂定，截至2026年12月31日）');
    expect(members.text).toContain('赵大勇 · 42 · 暂未达到一星');
    expect(members.text).not.toMatch(/无星|不合格/u);
    const branches = await waitForBotMessage(service.url, LEAD, '星级党组织公示（暂定');
    // 西岭村党总支: its four members at 85 each → average 85 → 二星 (80–89), named 党总支.
    expect(branches.text).toContain('西岭村党总支 · 85 · 二星党总支 · 积分均值');
    expect(branches.text).not.toMatch(/无星|不合格/u);
  });

  it('1 January 00:00 in Beijing: 2026 is over, so /星级 2026 is the final rating; 2027 starts 暂定', async () => {
    clock.set(at('2027-01-01T00:00'));
    const [final] = await service.sayText(G, 'sb-dw-member', '/星级 2026');
    expect(final).toContain('2026年星级（最终评定）');
    expect(final).toContain('全年积分：42 分');
    expect(final).toContain('评定结果：无星（不合格党员）'); // 42 < 60
    const [fresh] = await service.sayText(G, 'sb-dw-member', '/星级');
    expect(fresh).toContain('2027年星级（暂定，截至2027年1月1日）');
    expect(fresh).not.toMatch(/无星|不合格/u);
    const [lateReply] = await service.sayText(G, 'sb-dw-secretary', '/星级 2026');
    expect(lateReply).toContain('三星党员'); // 李春生 95
  });

  it('the final boards name 无星 only for rated members: exempt, late and no-record members are 未评定', async () => {
    clock.set(at('2027-01-02T09:00'));
    const [reply] = await service.sayText(LEAD, 'sb-admin', '/公示 星级 2026');
    expect(reply).toContain('2026年度星级评定已公示');
    expect(reply).toContain('无星（不合格党员）');
    const board = await waitForBotMessage(service.url, G, '2026年度星级党员公示（最终评定）');
    expect(board.text).toContain('赵大勇 · 42 · 无星（不合格党员）');
    expect(board.text).toContain(`${zeroMember} · 0 · 无星（不合格党员）`);
    expect(board.text).toContain(`${late} · 70 · 未评定（2026年8月1日入党或转入`);
    expect(board.text).toContain('王小燕 · 10 · 未评定（经申请免于评定：外出务工）');
    expect(board.text).not.toContain(`${late} · 70 · 一星`);
    const branches = await waitForBotMessage(service.url, LEAD, '2026年度星级党组织公示（最终评定）');
    expect(branches.text).toContain('西岭村党总支 · 85 · 二星党总支');
    expect(branches.text).toContain('未评定（没有考评，也没有参评党员）：');
    expect(branches.text).toContain('南塘社区党支部');
    expect(branches.text).not.toContain('南塘社区党支部 · 0');
    const stored = await db().memberStar.findMany({ where: { year: 2026 }, include: { member: true } });
    expect(stored.some((s) => s.member.name === nantangMember)).toBe(false);
    expect(stored.some((s) => s.member.name === late)).toBe(false);
    expect(stored.find((s) => s.member.name === '赵大勇')?.stars).toBe(0);
  });

  it('/公示 定级 finalises the current year after /确认; a year without records calls nobody 不合格', async () => {
    const [question] = await service.sayText(LEAD, 'sb-admin', '/公示 定级 2027');
    expect(question).toContain('确认2027年度星级定级？');
    expect(question).toContain('参评党员 0 人');
    expect(await db().starYear.count()).toBe(0);
    const [done] = await service.sayText(LEAD, 'sb-admin', '/确认');
    expect(done).toContain('2027年度星级评定已公示');
    expect(done).toContain('无星（不合格党员）0 人');
    expect((await db().starYear.findUniqueOrThrow({ where: { year: 2027 } })).finalizedById).not.toBeNull();
    const [mine] = await service.sayText(G, 'sb-dw-member', '/星级');
    expect(mine).toContain('2027年星级（最终评定）');
    expect(mine).toContain('未评定（本组织2027年没有任何记录）');
    const [again] = await service.sayText(LEAD, 'sb-admin', '/公示 定级 2027');
    expect(again).toContain('2027年度已于2027年1月2日定级');
    const [denied] = await service.sayText(G, 'sb-dw-secretary', '/公示 定级 2027');
    expect(denied).toContain('没能办理');
    const lines = await groupMessages(service.url, G);
    expect(lines.filter((l) => l.text.includes('2027年度星级党员公示（最终评定）')).length).toBe(1);
  });
});
