import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, at, ZONE, type Harness } from './scheduleHarness.ts';
import { createTask } from '../../../src/areas/tasks/createTask.ts';

describe('weekly points update, leading-group digests and the year-end star boards', () => {
  let h: Harness;
  let dongwan: number;
  let names: string[];
  beforeAll(async () => {
    h = await startHarness();
    dongwan = await h.orgId('东湾村党支部');
    const members = await h.db.member.findMany({ where: { organizationId: dongwan }, orderBy: { id: 'asc' } });
    names = members.map((m) => m.name);
    const entry = (i: number, points: number, reason: string, createdAt: string) => ({
      memberId: members[i]!.id,
      organizationId: dongwan,
      year: 2026,
      points,
      reason,
      sourceType: 'MANUAL',
      createdAt: at(createdAt),
    });
    await h.db.pointEntry.createMany({
      data: [
        entry(0, 80, '前期累计', '2026-10-01T10:00'),
        entry(0, 5, '参加主题党日', '2026-11-17T10:00'),
        entry(1, 60, '前期累计', '2026-10-01T10:00'),
        entry(1, -2, '无故缺席支委会', '2026-11-18T10:00'),
        entry(2, 20, '前期累计', '2026-10-01T10:00'),
      ],
    });
    await h.db.member.update({ where: { id: members[3]!.id }, data: { ratingExempt: true, exemptReason: '长期病休' } });
    h.clock.set(at('2026-10-01T10:00'));
    await createTask(h.db, { title: '报送整改方案', kind: 'SUBMIT_PLAN', scope: 'ORGANIZATION', organizationId: dongwan, deadline: '2026-11-05' }, ZONE);
    await h.run('morning', '2026-11-01T08:40');
    await h.db.activity.create({
      data: { organizationId: dongwan, year: 2026, seq: 1, type: 'COMMITTEE_MEETING', heldOn: new Date('2026-11-12T00:00:00Z'), topic: '研究发展党员' },
    });
    const file = await h.db.storedFile.create({ data: { sha256: 'a'.repeat(64), path: 'x.jpg', mimeType: 'image/jpeg', sizeBytes: 10 } });
    await h.db.tracePhoto.create({
      data: { fileId: file.id, organizationId: dongwan, uploaderId: members[0]!.id, platform: 'SANDBOX', createdAt: at('2026-11-12T11:00') },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('tells each branch group who gained or lost what this week, the top and who is at risk (pro-rated)', async () => {
    await h.run('weeklyPoints', '2026-11-20T17:13');
    const jobs = (await h.outbound()).filter((j) => j.data.view.kind === 'points_weekly' && j.data.chatId === 'sb-group-dongwan');
    expect(jobs).toHaveLength(1);
    const view = jobs[0]!.data.view;
    expect(view.table!.rows).toEqual([
      [names[0], '+5', '参加主题党日+5', '85'],
      [names[1], '-2', '无故缺席支委会-2', '58'],
    ]);
    expect(view.fields![0]!.value.split('\n')[0]).toBe(`1. ${names[0]} 85 分`);
    // 20 November is day 324 of 365: the pro-rated line is 60 × 324 / 365 = 53.26.
    const risk = view.fields![1]!.value;
    expect(risk).toContain(`${names[2]} 20 分（按进度应达 53.26 分）`);
    expect(risk).not.toContain(names[1]!);
    expect(risk).not.toContain(names[3]!);
    expect(jobs[0]!.data.deliveryId).toContain('points:org');
    await h.run('weeklyPoints', '2026-11-20T17:40');
    expect((await h.outbound()).filter((j) => j.data.view.kind === 'points_weekly' && j.data.chatId === 'sb-group-dongwan')).toHaveLength(1);
  });

  it('sends the leading group a weekly digest of records against the cadence, overdue items and 痕迹', async () => {
    await h.run('weeklyDigest', '2026-11-16T08:23');
    const digest = (await h.outbound()).find((j) => j.data.view.kind === 'digest_weekly')!;
    expect(digest.data.chatId).toBe('sb-group-leading');
    const fields = Object.fromEntries(digest.data.view.fields!.map((f) => [f.label, f.value]));
    expect(digest.data.view.lines![0]).toContain('11月9日（周一）至11月15日（周日）');
    expect(fields['上报记录']).toBe('1 条');
    expect(fields['痕迹照片']).toBe('1 张');
    expect(fields['逾期未办']).toMatch(/^[1-9]\d* 项$/);
    const row = digest.data.view.table!.rows.find((r) => r[0] === '东湾村党支部');
    // Overdue: the 整改方案 (5 November) and November's 主题党日 (fixed day 5, no record).
    expect(row?.[4]).toBe('2');
  });

  it('sends a monthly digest once per month', async () => {
    await h.run('monthlyDigest', '2026-12-01T08:27');
    await h.run('monthlyDigest', '2026-12-01T09:00');
    const digests = (await h.outbound()).filter((j) => j.data.view.kind === 'digest_monthly');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.data.view.lines![0]).toContain('11月1日');
    const fields = Object.fromEntries(digests[0]!.data.view.fields!.map((f) => [f.label, f.value]));
    expect(fields['按规定应开展']).toMatch(/已完成 1 项/);
  });

  it('publishes the star boards at the year end, once', async () => {
    await h.run('yearEndStars', '2026-12-31T09:43');
    await h.run('yearEndStars', '2026-12-31T10:43');
    const boards = (await h.outbound()).filter((j) => j.data.view.kind.startsWith('stars_'));
    expect(boards.filter((b) => b.data.chatId === 'sb-group-dongwan')).toHaveLength(1);
    expect(boards.filter((b) => b.data.chatId === 'sb-group-leading')).toHaveLength(1);
    const branch = await h.db.branchStar.findUniqueOrThrow({ where: { organizationId_year: { organizationId: dongwan, year: 2026 } } });
    expect(branch.publishedAt).not.toBeNull();
    const rated = await h.db.memberStar.count({ where: { organizationId: dongwan, year: 2026 } });
    expect(rated).toBe(names.length - 1);
  });
});
