import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { fixedClock } from '../../../../src/core/time/clock.ts';
import { memberYearHours, memberYearTotals } from '../../../../src/areas/points/memberTotals.ts';

const clock = fixedClock('2026-11-20T02:00:00Z');

describe('/撤销: corrections without deleting', () => {
  let service: TestService;
  const G = 'sb-group-dongwan';
  const say = (user: string, text: string, group = G) => service.sayText(group, user, text).then((r) => r.join('\n'));
  beforeAll(async () => {
    service = await startTestService({ db: 'postgres', clock });
  });
  afterAll(async () => {
    await service?.stop();
  });
  const zhao = () => service.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
  const totalOf = async (memberId: number) => {
    const m = await service.database.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
    return (await memberYearTotals(service.database.prisma, [m.organizationId], 2026)).find((t) => t.memberId === memberId)!.total;
  };

  it("undoes the caller's own last record after /确认: points, 学时 and progress go back", async () => {
    const member = await zhao();
    const before = await totalOf(member.id);
    const hoursBefore = (await memberYearHours(service.database.prisma, [member.id], 2026)).get(member.id) ?? 0;
    const starsBefore = await say('sb-dw-member', '/星级');
    expect(starsBefore).toContain(`${before} 分`);
    const saved = await say('sb-dw-secretary', '/会议记录\n类型：党课\n日期：11月18日\n主题：党史学习\n参加人员：赵大勇、陈秀英\n学时：2');
    expect(saved).toContain('第');
    const gained = (await totalOf(member.id)) - before;
    expect(gained).toBeGreaterThan(0);
    expect(await say('sb-dw-member', '/星级')).toContain(`${before + gained} 分`);
    expect((await memberYearHours(service.database.prisma, [member.id], 2026)).get(member.id)).toBe(hoursBefore + 2);

    const question = await say('sb-dw-secretary', '/撤销');
    expect(question).toContain('11月18日的党课记录');
    expect(await totalOf(member.id)).toBe(before + gained);
    expect(await say('sb-dw-secretary', '/确认')).toContain('已撤销');
    expect(await totalOf(member.id)).toBe(before);
    expect((await memberYearHours(service.database.prisma, [member.id], 2026)).get(member.id) ?? 0).toBe(hoursBefore);
    // His star reads as before the record: the undone points count nowhere.
    expect(await say('sb-dw-member', '/星级')).toBe(starsBefore);
    const record = await service.database.prisma.activity.findFirstOrThrow({ where: { topic: '党史学习' } });
    expect(record.status).toBe('REVOKED');
    // Nothing was deleted: the record, its attendees and both point entries stay.
    expect(await service.database.prisma.activityAttendee.count({ where: { activityId: record.id } })).toBe(2);
    expect(await service.database.prisma.pointEntry.count({ where: { sourceId: record.id, memberId: member.id } })).toBe(2);
    // A second /确认 finds nothing to answer; a second /撤销 finds nothing of the window left.
    expect(await say('sb-dw-secretary', '/确认')).toContain('现在没有等你确认的事项');
    expect(await say('sb-dw-secretary', '/撤销')).toContain('没有可以撤销的登记');
  });

  it('undoes an 加分 with its opposite entry, and /取消 leaves it', async () => {
    const member = await zhao();
    const before = await totalOf(member.id);
    expect(await say('sb-dw-secretary', '/加分 @赵大勇 2 参加志愿服务')).toContain('2');
    expect(await totalOf(member.id)).toBe(before + 2);
    expect(await say('sb-dw-secretary', '/撤销')).toContain('给赵大勇加 2 分');
    expect(await say('sb-dw-secretary', '/取消')).toContain('保持不变');
    expect(await totalOf(member.id)).toBe(before + 2);
    await say('sb-dw-secretary', '/撤销');
    await say('sb-dw-secretary', '/确认');
    expect(await totalOf(member.id)).toBe(before);
    expect(await service.database.prisma.auditLog.count({ where: { action: 'undo.points' } })).toBe(1);
  });

  it('lets the secretary undo an older record by its number, and nobody else', async () => {
    await say('sb-dw-secretary', '/会议记录\n类型：支委会\n日期：11月19日\n主题：研究发展党员\n参加人员：陈秀英');
    const record = await service.database.prisma.activity.findFirstOrThrow({ where: { topic: '研究发展党员' } });
    clock.advance(2 * 24 * 3_600_000);
    expect(await say('sb-dw-secretary', '/撤销')).toContain('没有可以撤销的登记');
    expect(await say('sb-dw-member', `/撤销 记录 ${record.seq}`)).toContain('只有本支部书记');
    expect(await say('sb-dw-secretary', '/撤销 记录 九')).toContain('请写记录编号');
    expect(await say('sb-dw-secretary', `/撤销 记录 ${record.seq + 50}`)).toContain(`没有2026年第 ${record.seq + 50} 号`);
    expect(await say('sb-dw-secretary', `/撤销 记录 第${record.seq}号`)).toContain('11月19日的支委会记录');
    await say('sb-dw-secretary', '/确认');
    expect((await service.database.prisma.activity.findUniqueOrThrow({ where: { id: record.id } })).status).toBe('REVOKED');
    expect(await say('sb-dw-secretary', `/撤销 记录 ${record.seq}`)).toContain('已经撤销了');
  });
});
