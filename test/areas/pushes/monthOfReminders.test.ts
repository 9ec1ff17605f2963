import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startHarness, at, ZONE, type Harness } from './scheduleHarness.ts';
import { createTask } from '../../../src/areas/tasks/createTask.ts';
import { completeAssignment, acknowledgeAssignment } from '../../../src/areas/tasks/completeAssignment.ts';
import { cadenceKey } from '../../../src/areas/tasks/cadenceObligations.ts';

/** Day-of-month → task ids listed in the reminders a chat received that day. */
function remindersByDay(jobs: Awaited<ReturnType<Harness['outbound']>>, chatId: string, kind = 'task_reminder', idColumn = 0) {
  const out = new Map<string, string[]>();
  for (const j of jobs) {
    if (j.data.chatId !== chatId || j.data.view.kind !== kind) continue;
    const day = /:(\d{4}-\d{2}-\d{2}):/.exec(j.data.deliveryId)![1]!;
    out.set(day, [...(out.get(day) ?? []), ...(j.data.view.table?.rows.map((r) => `${r[idColumn]}`) ?? [])]);
  }
  return out;
}

/** The morning job ran at 08:40 on the day in the delivery id; the job waits `delay` from then. */
function sentAt(j: { data: { deliveryId: string }; delay: number }): DateTime {
  const day = /:(\d{4}-\d{2}-\d{2}):/.exec(j.data.deliveryId)![1]!;
  return DateTime.fromMillis(at(`${day}T08:40`).getTime() + j.delay, { zone: ZONE });
}

function daysWith(map: Map<string, string[]>, id: string): string[] {
  return [...map]
    .filter(([, ids]) => ids.includes(id))
    .map(([day]) => day.slice(8))
    .sort();
}

describe('a month of scheduled reminders on the demo town', () => {
  let h: Harness;
  let planTaskId: number;
  let dongwan: number;
  let jixie: number;
  let jixieThemeDayTask: number;
  let dongwanThemeDayTask: number;
  const outcomes: Record<string, unknown>[] = [];

  beforeAll(async () => {
    h = await startHarness();
    dongwan = await h.orgId('东湾村党支部');
    jixie = await h.orgId('青禾精密机械有限公司党支部');
    h.clock.set(at('2026-10-30T10:00'));
    planTaskId = (
      await createTask(
        h.db,
        { title: '报送2027年支部工作计划', kind: 'SUBMIT_PLAN', scope: 'ALL_BRANCHES', deadline: '2026-11-10', planName: '测试方案', phase: '第一阶段' },
        ZONE,
      )
    ).id;

    for (let day = 1; day <= 30; day++) {
      const date = DateTime.fromObject({ year: 2026, month: 11, day }).toISODate()!;
      outcomes.push(await h.run('morning', `${date}T08:40`));
      if (day === 1) {
        jixieThemeDayTask = (await h.db.task.findUniqueOrThrow({ where: { cadenceKey: cadenceKey('THEME_DAY', '2026-11', jixie) } })).id;
        dongwanThemeDayTask = (await h.db.task.findUniqueOrThrow({ where: { cadenceKey: cadenceKey('THEME_DAY', '2026-11', dongwan) } })).id;
      }
      // 东湾村 holds its 主题党日 on the 3rd and records it: the next morning's reconcile closes the obligation.
      if (day === 3) {
        await h.db.activity.create({
          data: {
            organizationId: dongwan,
            year: 2026,
            seq: 1,
            type: 'THEME_DAY',
            heldOn: new Date('2026-11-03T00:00:00Z'),
            topic: '学习党的二十届四中全会精神',
          },
        });
      }
      // 精密机械 answers 收到 to the plan reminder on the 7th; 东湾村 finishes the plan on the 8th.
      if (day === 7) {
        const secretary = await h.db.member.findFirstOrThrow({ where: { name: '林国栋' } });
        await acknowledgeAssignment(h.db, planTaskId, jixie, secretary.id, at('2026-11-07T09:30'));
      }
      if (day === 8) {
        const secretary = await h.db.member.findFirstOrThrow({ where: { name: '李春生' } });
        await completeAssignment(h.db, planTaskId, dongwan, secretary.id, at('2026-11-08T15:00'), ZONE);
      }
    }
  }, 240_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('reminds each branch group of the plan task at 7, 3, 1 and 0 days, sparing the acknowledged and the done', async () => {
    const jobs = await h.outbound();
    const dw = remindersByDay(jobs, 'sb-group-dongwan');
    const jx = remindersByDay(jobs, 'sb-group-jixie');
    expect(daysWith(dw, `#${planTaskId}`)).toEqual(['03', '07']);
    expect(daysWith(jx, `#${planTaskId}`)).toEqual(['03', '07', '10']);
  });

  it('reminds of the monthly 主题党日 on the branch fixed day and stops once the record has closed it', async () => {
    const jobs = await h.outbound();
    expect(daysWith(remindersByDay(jobs, 'sb-group-jixie'), `#${jixieThemeDayTask}`)).toEqual(['13', '17', '19', '20']);
    expect(daysWith(remindersByDay(jobs, 'sb-group-dongwan'), `#${dongwanThemeDayTask}`)).toEqual(['02']);
    const closed = await h.db.taskAssignment.findFirstOrThrow({ where: { taskId: dongwanThemeDayTask } });
    expect(closed.status).toBe('DONE');
    const activity = await h.db.activity.findFirstOrThrow({ where: { organizationId: dongwan, type: 'THEME_DAY' } });
    expect(closed.closedByActivityId).toBe(activity.id);
    // December's 主题党日 (5 December) is generated in November and reminded 7 days before.
    const december = await h.db.task.findUniqueOrThrow({ where: { cadenceKey: cadenceKey('THEME_DAY', '2026-12', dongwan) } });
    expect(daysWith(remindersByDay(jobs, 'sb-group-dongwan'), `#${december.id}`)).toEqual(['28']);
  });

  it('escalates overdue items to the leading group after the grace day and weekly until closed, and tells the branch', async () => {
    const jobs = await h.outbound();
    const leading = remindersByDay(jobs, 'sb-group-leading', 'task_escalation', 1);
    expect(daysWith(leading, `#${planTaskId}`)).toEqual(['11', '18', '25']);
    expect(daysWith(leading, `#${jixieThemeDayTask}`)).toEqual(['21', '28']);
    const jixieRows = jobs
      .filter((j) => j.data.chatId === 'sb-group-leading' && j.data.deliveryId.includes('2026-11-11'))
      .flatMap((j) => j.data.view.table!.rows)
      .filter((r) => r[1] === `#${planTaskId}`)
      .map((r) => r[0]);
    expect(jixieRows).toContain('青禾精密机械有限公司党支部');
    expect(jixieRows).not.toContain('东湾村党支部');
    expect(daysWith(remindersByDay(jobs, 'sb-group-jixie', 'task_overdue'), `#${planTaskId}`)).toEqual(['11', '18', '25']);
  });

  it('sends each push once, in the reminder hour, away from the hour and the half hour', async () => {
    const jobs = await h.outbound();
    const ids = jobs.map((j) => j.data.deliveryId);
    expect(new Set(ids).size).toBe(ids.length);
    const reminders = jobs.filter((j) => j.data.view.kind === 'task_reminder');
    expect(reminders.length).toBeGreaterThan(10);
    for (const j of reminders) {
      const sent = sentAt(j);
      expect(sent.hour).toBe(9);
      expect([0, 1, 2, 28, 29, 30, 31, 32, 58, 59]).not.toContain(sent.minute);
    }
    const minutes = new Set(reminders.map((j) => sentAt(j).minute));
    expect(minutes.size).toBeGreaterThan(1);
    const logged = new Set((await h.db.pushLog.findMany({ select: { key: true } })).map((r) => r.key));
    for (const id of ids) expect(logged).toContain(id.replace(/^push:/, '').split(':SANDBOX:')[0]);
  });

  it('running a morning again, on another worker, sends nothing new', async () => {
    const before = (await h.outbound()).length;
    const again = await h.run('morning', '2026-11-20T10:05');
    expect(again).toMatchObject({ enqueued: 0, messages: 0 });
    expect((await h.outbound()).length).toBe(before);
    expect(outcomes.filter((o) => (o as { enqueued: number }).enqueued > 0).length).toBeGreaterThan(10);
  });
});
