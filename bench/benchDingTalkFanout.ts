import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { round, type BenchFigure } from './BenchCase.ts';
import type { ChatAdapter } from '../bots/ChatAdapter.ts';
import { DingTalkAdapter } from '../bots/dingtalk/DingTalkAdapter.ts';
import { createQueues, OUTBOUND, outboundJobId } from '../jobs/queues.ts';
import { createOutboundProcessor } from '../jobs/processors/outbound.ts';
import type { Db } from '../src/core/db/openDatabase.ts';
import { systemClock } from '../src/core/time/clock.ts';
import type { Platform } from '../src/core/generated/prisma/enums.ts';
import { FakeDingTalk } from '../test/support/fakeDingTalk.ts';
import { TEST_DINGTALK } from '../test/support/dingTalkEvents.ts';
import type { MessageView } from '../cards/MessageView.ts';

interface Rule {
  limit: number;
  windowMs: number;
}

/**
 * The same fan-out to DingTalk groups: the real outbound worker, DingTalkAdapter (token, group-message OpenAPI) and
 * its Redis limiter (20 calls a second per app, 20 messages a minute per group) against the local fake DingTalk.
 */
export async function dingTalkFanout(options: {
  db: Db;
  groups: number;
  concurrency: number;
  prefix: string;
  redis: Redis;
  connection: () => Redis;
  log: Logger;
  view: MessageView;
  minimumSpanMs: (count: number, rules: Rule[]) => number;
  maxInWindow: (sortedTimes: number[], windowMs: number) => number;
}): Promise<BenchFigure[]> {
  const { groups } = options;
  const fake = await new FakeDingTalk().start();
  const prefix = `${options.prefix}dt`;
  const queues = createQueues(options.redis, prefix);
  const adapter = new DingTalkAdapter({
    ...TEST_DINGTALK,
    gatewayUrl: fake.gatewayUrl,
    apiBase: fake.url,
    oapiBase: fake.url,
    cardTemplateId: 'bench-template.schema',
    timeoutMs: 15_000,
    maxImageBytes: 10 * 1024 * 1024,
    redis: options.redis,
    prefix,
    log: options.log,
  });
  const adapters = new Map<Platform, ChatAdapter>([['DINGTALK', adapter]]);
  const worker = new Worker(OUTBOUND, createOutboundProcessor({ db: options.db, clock: systemClock, log: options.log, adapters }), {
    connection: options.connection(),
    prefix,
    concurrency: options.concurrency,
  });
  try {
    await worker.waitUntilReady();
    const t0 = performance.now();
    await queues.outbound.addBulk(
      Array.from({ length: groups }, (_, i) => {
        const deliveryId = `bench:fanout:dingtalk:${i}`;
        return {
          name: 'push',
          data: { deliveryId, platform: 'DINGTALK' as const, chatId: `cidFanout${String(i).padStart(4, '0')}==`, view: options.view },
          opts: { jobId: outboundJobId(deliveryId) },
        };
      }),
    );
    const sends = await fake.waitFor((s) => s.filter((x) => x.status === 200).length >= groups, 15 * 60_000);
    const totalMs = performance.now() - t0;
    const ok = sends.filter((s) => s.status === 200);
    const times = ok.map((s) => s.at).sort((a, b) => a - b);
    const spanMs = times.at(-1)! - times[0]!;
    const perChat = new Map<string, number[]>();
    for (const s of ok) perChat.set(s.target, [...(perChat.get(s.target) ?? []), s.at]);
    const maxPerChat = Math.max(
      ...[...perChat.values()].map((ts) =>
        options.maxInWindow(
          ts.sort((a, b) => a - b),
          60_000,
        ),
      ),
    );
    const limitMinimumMs = options.minimumSpanMs(groups, [{ limit: 20, windowMs: 1000 }]);
    const limiterMinimumMs = options.minimumSpanMs(groups, [
      { limit: 20, windowMs: 1100 },
      { limit: 1200, windowMs: 60_100 },
    ]);
    return [
      { name: 'DingTalk: enqueue → last send answered', value: round(totalMs / 1000), unit: 's' },
      { name: 'DingTalk: first → last send at the fake', value: round(spanMs / 1000), unit: 's' },
      { name: 'DingTalk: minimum by its limit (20 calls/s per app and API)', value: round(limitMinimumMs / 1000), unit: 's' },
      { name: 'DingTalk: minimum of the limiter (1.1 s / 60.1 s guarded windows)', value: round(limiterMinimumMs / 1000), unit: 's' },
      { name: 'DingTalk: span / minimum by its limit', value: round(spanMs / Math.max(limitMinimumMs, 1), 3), unit: 'x' },
      { name: 'DingTalk: span / limiter minimum', value: round(spanMs / Math.max(limiterMinimumMs, 1), 3), unit: 'x' },
      { name: 'DingTalk: sends per app in the busiest 1 s (limit 20)', value: options.maxInWindow(times, 1000), unit: 'count' },
      { name: 'DingTalk: sends per group in the busiest 60 s (limit 20)', value: maxPerChat, unit: 'count' },
      { name: 'DingTalk: throttled answers / send calls beyond one per group', value: sends.length - groups, unit: 'count' },
      { name: 'DingTalk: groups reached', value: perChat.size, unit: 'count' },
      { name: 'DingTalk: access tokens fetched', value: adapter.api.tokenFetches, unit: 'count' },
    ];
  } finally {
    await worker.close();
    await queues.close();
    await fake.stop();
  }
}
