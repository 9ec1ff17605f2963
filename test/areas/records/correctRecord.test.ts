import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { memberYearHours, memberYearTotals } from '../../../src/areas/points/memberTotals.ts';

describe('/会议记录 修改 <编号>', () => {
  let service: TestService;
  const say = (text: string) => service.sayText('sb-group-dongwan', 'sb-dw-secretary', text).then((r) => r.join('\n'));
  beforeAll(async () => {
    service = await startTestService({ db: 'postgres', clock: fixedClock('2026-11-20T02:00:00Z') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the record back as a form, and the corrected one moves points and 学时 to the right people', async () => {
    const prisma = service.database.prisma;
    const zhao = await prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const wang = await prisma.member.findFirstOrThrow({ where: { name: '王小燕' } });
    const dongwan = zhao.organizationId;
    const totals = async () => new Map((await memberYearTotals(prisma, [dongwan], 2026)).map((t) => [t.memberId, t.total]));
    const before = await totals();
    await say('/会议记录\n类型：党课\n日期：11月18日\n主题：党史学习\n参加人员：赵大勇\n学时：2');
    const record = await prisma.activity.findFirstOrThrow({ where: { topic: '党史学习' } });
    const gained = (await totals()).get(zhao.id)! - before.get(zhao.id)!;
    expect(gained).toBeGreaterThan(0);

    const form = await say(`/会议记录 修改 ${record.seq}`);
    expect(form).toContain(
      `/会议记录 修改 ${record.seq}\n类型：党课\n日期：2026-11-18\n主题：党史学习\n应到：${record.expectedCount}\n参加人员：赵大勇\n学时：2`,
    );
    expect(await say(`/会议记录 修改 ${record.seq + 40}`)).toContain(`没有2026年第 ${record.seq + 40} 号`);

    // Two mistakes in one correction: both are named in one answer, and nothing changes.
    const twoProblems = await say(`/会议记录 修改 ${record.seq}\n类型：党课\n日期：2026-13-40\n主题：党史学习\n参加人员：王晓雁\n学时：3`);
    expect(twoProblems).toContain('日期');
    expect(twoProblems).toContain('王晓雁');
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: record.id } })).status).toBe('ACTIVE');

    // The secretary meant 王小燕, for 3 学时.
    const receipt = await say(`/会议记录 修改 ${record.seq}\n类型：党课\n日期：2026-11-18\n主题：党史学习\n参加人员：王小燕\n学时：3`);
    expect(receipt).toContain(`原第 ${record.seq} 号记录已作废`);
    const after = await totals();
    expect(after.get(zhao.id)).toBe(before.get(zhao.id));
    expect(after.get(wang.id)).toBe(before.get(wang.id)! + gained);
    const hours = await memberYearHours(prisma, [zhao.id, wang.id], 2026);
    expect([hours.get(zhao.id) ?? 0, hours.get(wang.id) ?? 0]).toEqual([0, 3]);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: record.id } })).status).toBe('REPLACED');
    expect(await say(`/会议记录 修改 ${record.seq}`)).toContain('已经被替换');
  });
});
