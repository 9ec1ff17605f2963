import type { Job } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { createInboundProcessor } from '../../jobs/processors/inbound.ts';
import { buildChatHandlers } from '../../src/app/buildChatHandlers.ts';
import type { ChatEvent } from '../../src/engine/chat/ChatEvent.ts';
import type { InboundResult, Queues } from '../../jobs/queues.ts';
import { systemClock } from '../../src/core/time/clock.ts';
import { until } from '../support/until.ts';

const DONGWAN = 'sb-group-dongwan';
const LEADING = 'sb-group-leading';

function chatEvent(eventId: string, chatId: string, user: string, text: string): ChatEvent {
  return {
    platform: 'SANDBOX',
    eventId,
    kind: 'message',
    chatId,
    chatType: 'group',
    messageId: eventId,
    sender: { platformUserId: user },
    text,
    mentionsBot: false,
    mentions: [],
    images: [],
    sentAt: new Date().toISOString(),
  };
}

function fakeJob(event: ChatEvent, attemptsMade: number): Job<ChatEvent, InboundResult> {
  return { id: `test-${event.eventId}`, data: event, attemptsMade, stalledCounter: 0 } as unknown as Job<ChatEvent, InboundResult>;
}

/**
 * The first run of a 学习心得 saves it, then Redis goes away before its receipt and review notice are queued (as
 * in the outage of issue 11, when the process died there). The retry must answer with the receipt and send the
 * notice, not 「已经报送过了」; and whatever the first run did queue is not sent twice.
 */
describe('a retry after a crash repeats the receipt and the notices the first run owed', () => {
  let service: TestService;
  let queues: Pick<Queues, 'outbound'>;
  let failNextEnqueue = false;
  let processor: ReturnType<typeof createInboundProcessor>;

  beforeAll(async () => {
    service = await startTestService();
    const real = service.queues.outbound;
    // The real queue, except that the next enqueue fails the way an unreachable Redis does.
    queues = {
      outbound: new Proxy(real, {
        get(target, property, receiver) {
          if (property === 'addBulk') {
            return async (...args: Parameters<typeof real.addBulk>) => {
              if (failNextEnqueue) {
                failNextEnqueue = false;
                throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
              }
              return target.addBulk(...args);
            };
          }
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }),
    };
    processor = createInboundProcessor({
      db: service.database.prisma,
      config: service.config,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      handlers: buildChatHandlers(),
      queues,
      fetchImage: async () => {
        throw new Error('no pictures here');
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function deliveries(eventKey: string) {
    return service.database.prisma.outboundDelivery.findMany({ where: { id: { startsWith: `${eventKey}:` } }, orderBy: { id: 'asc' } });
  }

  it('学习心得: the retry sends the receipt and the review notice once, and files nothing twice', async () => {
    const db = service.database.prisma;
    const event = chatEvent('reflection-crash-1', DONGWAN, 'sb-dw-member', '/学习心得 学习专题讲习的体会\n通过这次学习，我认识到基层组织建设要落到实处。');
    const eventKey = `SANDBOX:${event.eventId}`;

    failNextEnqueue = true;
    await expect(processor(fakeJob(event, 0))).rejects.toThrow(/ECONNREFUSED/);
    expect(await db.briefing.count({ where: { kind: 'REFLECTION', title: '学习专题讲习的体会' } })).toBe(1);
    expect(await deliveries(eventKey)).toEqual([]);

    const retried = await processor(fakeJob(event, 1));
    expect(retried.duplicate).toBeUndefined();
    expect(retried.deliveryIds).toEqual([`${eventKey}:0`]);
    await until(async () => (await deliveries(eventKey)).filter((d) => d.status === 'SENT').length === 2, 30_000, 'receipt and notice sent');
    const sent = await deliveries(eventKey);
    expect(sent.map((d) => [d.id, d.chatId, d.kind])).toEqual([
      [`${eventKey}:0`, DONGWAN, 'briefing_submitted'],
      [`${eventKey}:n0`, LEADING, expect.stringMatching(/^briefing_review/)],
    ]);
    const log = (await (await fetch(`${service.url}/sandbox/api/groups/${DONGWAN}/messages`)).json()) as { messages: { from: string; text: string }[] };
    const receipts = log.messages.filter((m) => m.from === 'bot' && m.text.includes('学习心得已报送'));
    expect(receipts).toHaveLength(1);
    expect(log.messages.filter((m) => m.text.includes('已经报送过了'))).toHaveLength(0);

    // Run once more as if the process died after queueing but before marking the event done: the same outbound
    // job ids are refused by the queue, so nothing is sent twice and nothing is filed twice.
    await db.inboundEvent.updateMany({ where: { platform: 'SANDBOX', eventId: event.eventId }, data: { processedAt: null } });
    await processor(fakeJob(event, 2));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await deliveries(eventKey)).map((d) => d.id)).toEqual([`${eventKey}:0`, `${eventKey}:n0`]);
    expect(await db.briefing.count({ where: { kind: 'REFLECTION', title: '学习专题讲习的体会' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'briefing.submitted', detail: { path: ['idempotencyKey'], equals: eventKey } } })).toBe(1);

    // A second, separate message with the same text is still told it was filed already.
    const again = await service.sayText(DONGWAN, 'sb-dw-member', '/学习心得 学习专题讲习的体会\n通过这次学习，我认识到基层组织建设要落到实处。');
    expect(again[0]).toContain('已经报送过了');
  }, 60_000);

  it('/采用: the retry tells the author, once', async () => {
    const db = service.database.prisma;
    const briefing = await db.briefing.findFirstOrThrow({ where: { kind: 'REFLECTION', title: '学习专题讲习的体会' } });
    const event = chatEvent('adopt-crash-1', LEADING, 'sb-admin', `/采用 ${briefing.id}`);
    const eventKey = `SANDBOX:${event.eventId}`;

    failNextEnqueue = true;
    await expect(processor(fakeJob(event, 0))).rejects.toThrow(/ECONNREFUSED/);
    expect((await db.briefing.findUniqueOrThrow({ where: { id: briefing.id } })).status).toBe('ADOPTED');

    await processor(fakeJob(event, 1));
    await until(async () => (await deliveries(eventKey)).filter((d) => d.status === 'SENT').length === 2, 30_000, 'answer and notice sent');
    const sent = await deliveries(eventKey);
    expect(sent.map((d) => [d.chatId, d.kind])).toEqual([
      [LEADING, 'briefing_adopt_done'],
      [DONGWAN, expect.stringMatching(/briefing/)],
    ]);
    // Someone else adopting it later is still told it is done already.
    const later = await service.sayText(LEADING, 'sb-admin', `/采用 ${briefing.id}`);
    expect(later[0]).toContain('无需重复操作');
  }, 60_000);
  it("/任务 新建: the retry repeats the receipt and the branches' notices, and creates one task", async () => {
    const db = service.database.prisma;
    const title = '报送2027年党建工作要点';
    const event = chatEvent('task-crash-1', LEADING, 'sb-admin', `/任务 新建 标题：${title}；截止：2026-12-28；对象：全部支部`);
    const eventKey = `SANDBOX:${event.eventId}`;

    failNextEnqueue = true;
    await expect(processor(fakeJob(event, 0))).rejects.toThrow(/ECONNREFUSED/);
    expect(await db.task.count({ where: { title } })).toBe(1);

    await processor(fakeJob(event, 1));
    expect(await db.task.count({ where: { title } })).toBe(1);
    const task = await db.task.findFirstOrThrow({ where: { title }, include: { assignments: { select: { organizationId: true } } } });
    // Every owning branch with a bound group hears of it once.
    const branchGroups = await db.chatGroup.findMany({
      where: { purpose: 'BRANCH', organizationId: { in: task.assignments.map((a) => a.organizationId) } },
      select: { chatId: true },
    });
    expect(branchGroups.length).toBeGreaterThan(1);
    const expected = 1 + branchGroups.length;
    await until(async () => (await deliveries(eventKey)).filter((d) => d.status === 'SENT').length >= expected, 30_000, 'receipt and notices sent');
    const sent = await deliveries(eventKey);
    expect(sent.filter((d) => d.kind === 'task_created').map((d) => d.chatId)).toEqual([LEADING]);
    expect(
      sent
        .filter((d) => d.kind === 'task_new')
        .map((d) => d.chatId)
        .sort(),
    ).toEqual(branchGroups.map((g) => g.chatId).sort());
    expect(await db.auditLog.count({ where: { action: 'task.created', detail: { path: ['idempotencyKey'], equals: eventKey } } })).toBe(1);

    // The same form sent again as a new message is a new task: only a retry of one event is folded into the first.
    await service.sayText(LEADING, 'sb-admin', `/任务 新建 标题：${title}；截止：2026-12-28；对象：全部支部`);
    expect(await db.task.count({ where: { title } })).toBe(2);
  }, 60_000);
});
