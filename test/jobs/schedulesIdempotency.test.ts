import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, at, ZONE, type Harness } from '../areas/pushes/scheduleHarness.ts';
import { createTask } from '../../src/areas/tasks/createTask.ts';
import { registerSchedules } from '../../jobs/schedules.ts';
import { scheduleNames } from '../../src/core/config/schedulePatterns.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import type { Queues } from '../../jobs/queues.ts';

describe('scheduled pushes survive crashes, restarts and a second worker', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.clock.set(at('2026-11-01T10:00'));
    await createTask(h.db, { title: '报送支部三张表', kind: 'REPORT_TABLE', scope: 'ALL_BRANCHES', deadline: '2026-11-10' }, ZONE);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a worker that dies after queueing but before logging is followed by one that sends nothing twice', async () => {
    // The first worker hands the messages to the queue and dies before it can write PushLog.
    const crashing: Pick<Queues, 'outbound'> = {
      outbound: Object.assign(Object.create(h.queues.outbound), {
        addBulk: async (jobs: Parameters<Queues['outbound']['addBulk']>[0]) => {
          await h.queues.outbound.addBulk(jobs);
          throw new Error('worker killed');
        },
      }),
    };
    await expect(h.run('morning', '2026-11-03T08:40', crashing)).rejects.toThrow('worker killed');
    expect(await h.db.pushLog.count()).toBe(0);
    const afterCrash = await h.outbound();
    expect(afterCrash.filter((j) => j.data.chatId === 'sb-group-dongwan')).toHaveLength(1);

    // BullMQ retries the job on a restarted worker: same messages, same ids, nothing new in the queue.
    const retried = await h.run('morning', '2026-11-03T08:41');
    expect(retried).toMatchObject({ messages: afterCrash.length });
    const afterRetry = await h.outbound();
    expect(afterRetry.map((j) => j.data.deliveryId).sort()).toEqual(afterCrash.map((j) => j.data.deliveryId).sort());
    expect(await h.db.pushLog.count()).toBeGreaterThan(0);
  });

  it('two workers running the same morning at once queue each message once', async () => {
    const before = (await h.outbound()).length;
    await Promise.all([h.run('morning', '2026-11-07T08:40'), h.run('morning', '2026-11-07T08:40')]);
    const jobs = await h.outbound();
    const day = jobs.filter((j) => j.data.deliveryId.includes('2026-11-07'));
    expect(day.length).toBeGreaterThan(0);
    expect(new Set(day.map((j) => j.data.deliveryId)).size).toBe(day.length);
    expect(jobs.length).toBe(before + day.length);
    expect(day.filter((j) => j.data.chatId === 'sb-group-jixie' && j.data.view.kind === 'task_reminder')).toHaveLength(1);
  });

  it('registering the schedulers at every start-up keeps one scheduler per job', async () => {
    const config = loadConfig({});
    await registerSchedules(h.queues.schedules, config);
    await registerSchedules(h.queues.schedules, config);
    expect(await h.queues.schedules.getJobSchedulersCount()).toBe(scheduleNames.length);
    const morning = (await h.queues.schedules.getJobSchedulers()).find((s) => s.key === 'morning');
    expect(morning).toMatchObject({ pattern: '40 8 * * *', tz: 'Asia/Shanghai' });
    // A changed pattern replaces the scheduler rather than adding one; a retired one is removed.
    await h.queues.schedules.upsertJobScheduler('retired', { pattern: '0 3 * * *' }, { name: 'retired' });
    const changed = await registerSchedules(h.queues.schedules, loadConfig({ SCHEDULE_MORNING: '50 7 * * *' }));
    expect(changed.removed).toEqual(['retired']);
    expect(await h.queues.schedules.getJobSchedulersCount()).toBe(scheduleNames.length);
    expect((await h.queues.schedules.getJobSchedulers()).find((s) => s.key === 'morning')).toMatchObject({ pattern: '50 7 * * *' });
    const off = await registerSchedules(h.queues.schedules, loadConfig({ SCHEDULES: '0' }));
    expect(off.registered).toEqual([]);
    expect(await h.queues.schedules.getJobSchedulersCount()).toBe(0);
  });
});
