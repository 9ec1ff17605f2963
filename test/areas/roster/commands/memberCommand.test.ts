import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { fixedClock } from '../../../../src/core/time/clock.ts';
import { memberYearTotals } from '../../../../src/areas/points/memberTotals.ts';

// 00:30 Beijing time on 7 December 2026 is still 6 December in UTC: dates must be Beijing's.
const clock = fixedClock('2026-12-06T16:30:00Z');

describe('/党员: members managed in chat', () => {
  let service: TestService;
  const say = (group: string, user: string, text: string) => service.sayText(group, user, text).then((r) => r.join('\n'));
  const admin = (text: string) => say('sb-group-leading', 'sb-admin', text);
  const secretary = (text: string) => say('sb-group-dongwan', 'sb-dw-secretary', text);
  beforeAll(async () => {
    service = await startTestService({ db: 'postgres', clock });
  });
  afterAll(async () => {
    await service?.stop();
  });
  const org = (name: string) => service.database.prisma.organization.findFirstOrThrow({ where: { name } });
  const memberNamed = (name: string) => service.database.prisma.member.findFirstOrThrow({ where: { name } });

  it('shows one member to their secretary with the phone masked, and refuses a plain member', async () => {
    const zhao = await memberNamed('赵大勇');
    const card = await secretary('/党员 赵 大勇');
    expect(card).toContain('东湾村党支部');
    expect(card).toContain(`****${zhao.phoneLast4}`);
    expect(card).not.toContain(zhao.phone!);
    expect(await say('sb-group-dongwan', 'sb-dw-member', '/党员 李春生')).toContain('只有');
  });

  it('adds a member in the branch group, reporting every mistake at once and saving nothing until all are right', async () => {
    const before = await service.database.prisma.member.count();
    const wrong = await secretary('/党员 新增\n姓名：王 小明\n手机：1380000\n入党日期：2035-01-01\n类别：积极分子\n籍贯：本地');
    expect(wrong).toContain('手机号格式不对');
    expect(wrong).toContain('将来的日期');
    expect(wrong).toContain('类别只能写');
    expect(wrong).toContain('不认识「籍贯」');
    expect(await service.database.prisma.member.count()).toBe(before);

    const added = await secretary('/党员 新增\n姓名：王 小明\n手机：138 0000 5678\n入党日期：2015年7月1日\n类别：预备');
    expect(added).toContain('已新增党员');
    expect(added).toContain('尾号 5678');
    expect(added).not.toContain('13800005678');
    const member = await memberNamed('王小明');
    expect(member.organizationId).toBe((await org('东湾村党支部')).id);
    expect(member.probationary).toBe(true);
    expect(member.joinedAt?.toISOString().slice(0, 10)).toBe('2015-07-01');
    expect(await service.database.prisma.memberRole.count({ where: { memberId: member.id, role: 'MEMBER' } })).toBe(1);

    const again = await secretary('/党员 新增\n姓名：王小明\n手机：13800005678');
    expect(again).toContain('已经登记在另一位党员名下');
    expect(await service.database.prisma.member.count()).toBe(before + 1);
    const audits = await service.database.prisma.auditLog.findMany({ where: { action: 'member.add', targetId: String(member.id) } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.detail)).not.toContain('13800005678');
  });

  it('keeps a secretary to their own branch and lets them correct details', async () => {
    // 林国栋 is the secretary of 精密机械; 王小明 belongs to 东湾村.
    expect(await say('sb-group-jixie', 'sb-jx-secretary', '/党员 王小明')).toContain('没有叫「王小明」的党员');
    const changed = await secretary('/党员 修改 王小明\n类别：正式\n手机：13800005679');
    expect(changed).toContain('类别 → 正式党员');
    expect(changed).toContain('尾号5679');
    const member = await memberNamed('王小明');
    expect(member.probationary).toBe(false);
    expect(member.phoneLast4).toBe('5679');
  });

  it('transfers a member: 应到 follows the new branch, points earned stay with the old branch and year', async () => {
    const dongwan = await org('东湾村党支部');
    const nantang = await org('南塘社区党支部');
    const member = await memberNamed('王小明');
    await service.database.prisma.pointEntry.create({
      data: { memberId: member.id, organizationId: dongwan.id, year: 2026, points: 3, reason: '参加主题党日', sourceType: 'MANUAL' },
    });
    const dongwanBefore = await service.database.prisma.member.count({
      where: { organizationId: dongwan.id, status: { notIn: ['TRANSFERRED_OUT', 'ENDED'] } },
    });
    const reply = await admin('/党员 转接 王小明 南塘社区');
    expect(reply).toContain('东湾村党支部 → 南塘社区党支部');
    const moved = await memberNamed('王小明');
    expect(moved.organizationId).toBe(nantang.id);
    expect(await service.database.prisma.member.count({ where: { organizationId: dongwan.id, status: { notIn: ['TRANSFERRED_OUT', 'ENDED'] } } })).toBe(
      dongwanBefore - 1,
    );
    // The 3 points stay in 东湾村's 2026 figures; the member's own total is unchanged.
    const dongwanPoints = await service.database.prisma.pointEntry.aggregate({
      where: { organizationId: dongwan.id, year: 2026, memberId: member.id },
      _sum: { points: true },
    });
    expect(dongwanPoints._sum.points).toBe(3);
    const [total] = (await memberYearTotals(service.database.prisma, [nantang.id], 2026)).filter((t) => t.memberId === member.id);
    expect(total!.total).toBe(3);
    const roles = await service.database.prisma.memberRole.findMany({ where: { memberId: member.id } });
    expect(roles.map((r) => [r.organizationId, r.role])).toEqual([[nantang.id, 'MEMBER']]);
    // The secretary of 东湾村 no longer manages him.
    expect(await secretary('/党员 王小明')).toContain('没有叫「王小明」的党员');
  });

  it('registers a 流动党员 and an exemption approved by the 组织办', async () => {
    const missing = await admin('/党员 流动 王小明\n流出地：南塘社区');
    expect(missing).toContain('缺少「流入地」');
    const floating = await admin('/党员 流动 王小明\n流出地：南塘社区\n流入地：广东省深圳市\n联系人：刘海涛');
    expect(floating).toContain('已登记为流动党员');
    expect((await memberNamed('王小明')).status).toBe('FLOATING');
    expect(await secretary('/党员 免评 赵大勇\n原因：长期患病\n批准人：镇党委')).toContain('要经组织办批准');
    const exempt = await admin('/党员 免评 赵大勇\n原因：长期患病\n批准人：镇党委\n年度：２０２６');
    expect(exempt).toContain('2026年度免于星级评定');
    const zhao = await memberNamed('赵大勇');
    expect([zhao.ratingExempt, zhao.exemptYear, zhao.exemptApprover]).toEqual([true, 2026, '镇党委']);
    expect(await secretary('/党员 赵大勇')).toContain('免于评定（2026年度，长期患病，镇党委批准）');
    // His own /我的 says for which year, so 2026's exemption does not read as for ever.
    expect(await say('sb-group-dongwan', 'sb-dw-member', '/我的')).toContain('状态：正常（2026年度免于星级评定）');
  });

  it('tells namesakes apart by the branch written after the name', async () => {
    expect(await admin('/党员 新增\n姓名：赵大勇\n手机：13900007777\n支部：南塘社区')).toContain('已新增党员');
    expect(await admin('/党员 赵大勇')).toContain('不止一位（东湾村党支部、南塘社区党支部）');
    const card = await admin('/党员 赵大勇 南塘社区');
    expect(card).toContain('南塘社区党支部');
    expect(card).toContain('****7777');
    // The secretary of 东湾村 sees only his own 赵大勇.
    expect(await secretary('/党员 赵大勇')).toContain('东湾村党支部');
  });

  it('ends a membership only after /确认, on the Beijing calendar day, keeping the history', async () => {
    const member = await memberNamed('王小明');
    const question = await admin('/党员 减少 王小明 去世');
    expect(question).toContain('/确认');
    expect((await memberNamed('王小明')).status).toBe('FLOATING');
    expect(await admin('/确认')).toContain('已办理党员减少');
    const ended = await memberNamed('王小明');
    expect(ended.status).toBe('ENDED');
    expect(ended.endedOn?.toISOString().slice(0, 10)).toBe('2026-12-07');
    expect(await service.database.prisma.pointEntry.count({ where: { memberId: member.id } })).toBe(1);
    const nantang = await org('南塘社区党支部');
    expect((await memberYearTotals(service.database.prisma, [nantang.id], 2026)).some((t) => t.memberId === member.id)).toBe(false);
    expect(await admin('/党员 减少 王小明 离家出走')).toContain('请写减少的原因');
  });
});
