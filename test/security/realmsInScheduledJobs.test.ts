import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../areas/pushes/scheduleHarness.ts';
import { loadPlan } from '../../src/areas/tasks/loadPlan.ts';
import { parsePlanFile } from '../../src/areas/tasks/planFile.ts';

const REAL_NAMES = ['青山镇党委', '河口村党支部', '刘河生'];

const PLAN = JSON.stringify({
  name: '青山镇2027年基层组织建设方案',
  tasks: [{ phase: '第一阶段', title: '报送2027年支部工作计划', kind: '报送方案', deadline: '2026-11-20', owner: '全部支部' }],
});

/**
 * A real town kept beside the demo: the scheduled jobs (cadence tasks, reminders, weekly points, digests, the
 * year-end stars) and a plan loaded from the command line never carry one world's names into the other's chats.
 */
describe('scheduled jobs keep the demo and the real organisations apart', () => {
  let h: Harness;
  let demoNames: string[];
  let jobs: Awaited<ReturnType<Harness['outbound']>>;

  beforeAll(async () => {
    h = await startHarness();
    demoNames = (await h.db.organization.findMany({ where: { demo: true }, select: { name: true } })).map((o) => o.name);
    const town = await h.db.organization.create({ data: { name: '青山镇党委', level: 'PARTY_COMMITTEE', domain: 'VILLAGE' } });
    const branch = await h.db.organization.create({ data: { name: '河口村党支部', level: 'BRANCH', domain: 'VILLAGE', parentId: town.id, themeDay: 15 } });
    const secretary = await h.db.member.create({ data: { name: '刘河生', organizationId: branch.id } });
    await h.db.memberRole.create({ data: { memberId: secretary.id, organizationId: branch.id, role: 'SECRETARY' } });
    await h.db.member.create({ data: { name: '陈秀兰', organizationId: branch.id } });
    await h.db.chatGroup.create({ data: { platform: 'LARK', chatId: 'oc_real_branch', name: '河口村党支部群', organizationId: branch.id, purpose: 'BRANCH' } });
    await h.db.chatGroup.create({
      data: { platform: 'LARK', chatId: 'oc_real_leading', name: '青山镇领导小组', organizationId: town.id, purpose: 'LEADING_GROUP' },
    });

    // The 组织办 loads the town's plan from the command line: it is owed by the real branches only.
    await loadPlan(h.db, parsePlanFile(PLAN, 'plan.json'), 'Asia/Shanghai', 'real');

    for (const day of ['2026-11-02', '2026-11-13', '2026-11-16', '2026-11-18', '2026-11-20', '2026-11-23']) await h.run('morning', `${day}T08:40`);
    await h.run('weeklyPoints', '2026-11-23T09:00');
    await h.run('weeklyDigest', '2026-11-23T09:30');
    await h.run('monthlyDigest', '2026-12-01T09:30');
    await h.run('yearEndStars', '2026-12-31T10:00');
    jobs = await h.outbound();
  }, 240_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('sends the real town its own reminders, digests and boards, with no demo name in them', async () => {
    const real = jobs.filter((j) => j.data.platform === 'LARK');
    expect(new Set(real.map((j) => j.data.chatId))).toEqual(new Set(['oc_real_branch', 'oc_real_leading']));
    const kinds = new Set(real.map((j) => j.data.view.kind));
    expect(kinds.has('task_reminder')).toBe(true);
    expect(real.some((j) => JSON.stringify(j.data.view).includes('报送2027年支部工作计划'))).toBe(true);
    for (const j of real) {
      const text = JSON.stringify(j.data.view);
      for (const name of demoNames) expect(text, `${j.data.view.kind} to ${j.data.chatId}`).not.toContain(name);
    }
  });

  it('sends the sandbox groups the demo only: no real name, and not the real town plan', async () => {
    const demo = jobs.filter((j) => j.data.platform === 'SANDBOX');
    expect(demo.length).toBeGreaterThan(0);
    for (const j of demo) {
      const text = JSON.stringify(j.data.view);
      for (const name of [...REAL_NAMES, '报送2027年支部工作计划']) expect(text, `${j.data.view.kind} to ${j.data.chatId}`).not.toContain(name);
    }
    expect(jobs.every((j) => j.data.platform === 'SANDBOX' || j.data.platform === 'LARK')).toBe(true);
  });

  it('keeps the plan and every cadence task of one world free of the other world’s branches', async () => {
    const plan = await h.db.task.findFirstOrThrow({
      where: { planName: '青山镇2027年基层组织建设方案' },
      include: { assignments: { include: { organization: true } } },
    });
    expect(plan.assignments.map((a) => a.organization.name)).toEqual(['河口村党支部']);
    const cadence = await h.db.task.findMany({
      where: { cadenceKey: { not: null } },
      include: { assignments: { include: { organization: { select: { demo: true } } } } },
    });
    expect(cadence.length).toBeGreaterThan(0);
    for (const task of cadence) expect(new Set(task.assignments.map((a) => a.organization.demo)).size).toBe(1);
  });
});
