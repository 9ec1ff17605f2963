import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, at, type Harness } from './scheduleHarness.ts';

// A 支委会 held on Thursday 12 November 2026 but typed in on Tuesday 17 November: its points belong to the week
// of 9–15 November. No morning job has run since start-up, so no cadence obligation exists yet.
describe('digests and weekly points count a meeting in the week of its date', () => {
  let h: Harness;
  let members: { id: number; name: string }[];
  beforeAll(async () => {
    h = await startHarness();
    const dongwan = await h.orgId('东湾村党支部');
    members = await h.db.member.findMany({ where: { organizationId: dongwan }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
    const meeting = await h.db.activity.create({
      data: {
        organizationId: dongwan,
        year: 2026,
        seq: 1,
        type: 'COMMITTEE_MEETING',
        heldOn: new Date('2026-11-12T00:00:00Z'),
        topic: '研究发展党员',
        createdAt: at('2026-11-17T09:00'),
      },
    });
    const entry = (i: number, points: number, reason: string, sourceType: string, createdAt: string) => ({
      memberId: members[i]!.id,
      organizationId: dongwan,
      year: 2026,
      points,
      reason,
      sourceType,
      sourceId: sourceType === 'ACTIVITY' ? meeting.id : null,
      createdAt: at(createdAt),
    });
    await h.db.pointEntry.createMany({
      data: [
        entry(0, 4, '参加支委会', 'ACTIVITY', '2026-11-17T09:00'),
        entry(1, 4, '参加支委会', 'ACTIVITY', '2026-11-17T09:00'),
        entry(2, 3, '志愿服务', 'MANUAL', '2026-11-18T10:00'),
      ],
    });
    expect(await h.db.task.count({ where: { cadenceKey: { not: null } } })).toBe(0);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const fieldsOf = (view: { fields?: { label: string; value: string }[] }) => Object.fromEntries(view.fields!.map((f) => [f.label, f.value]));

  it('the weekly points update of 16–20 November leaves out the meeting of 12 November', async () => {
    await h.run('weeklyPoints', '2026-11-20T17:13');
    const view = (await h.outbound()).find((j) => j.data.view.kind === 'points_weekly' && j.data.chatId === 'sb-group-dongwan')!.data.view;
    expect(view.table!.rows).toEqual([[members[2]!.name, '+3', '志愿服务+3', '3']]);
  });

  it('the weekly digest of 9–15 November counts the meeting and its points; the next week does not', async () => {
    await h.run('weeklyDigest', '2026-11-23T08:23');
    const next = (await h.outbound()).find((j) => j.data.view.kind === 'digest_weekly')!.data.view;
    expect(next.lines![0]).toContain('11月16日（周一）至11月22日（周日）');
    expect(fieldsOf(next)['上报记录']).toBe('0 条');
    expect(fieldsOf(next)['党员积分']).toBe('本期加分 3，扣分 0');
  });

  it('the first monthly digest after start-up counts November’s obligations, though no morning job made them', async () => {
    await h.run('monthlyDigest', '2026-12-01T08:27');
    const view = (await h.outbound()).find((j) => j.data.view.kind === 'digest_monthly')!.data.view;
    const fields = fieldsOf(view);
    expect(fields['上报记录']).toBe('1 条');
    expect(fields['党员积分']).toBe('本期加分 11，扣分 0');
    // Each of the 6 党支部 owes November's 支委会 and 主题党日 (党小组会 is not a branch task): 12; 东湾村's 支委会 is done.
    expect(fields['按规定应开展']).toBe('12 项，已完成 1 项（8%）');
  });
});
