import { Worker } from 'bullmq';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import { round, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { benchLarkAdapter } from '../benchLarkAdapter.ts';
import type { ChatAdapter } from '../../bots/ChatAdapter.ts';
import { createQueues, OUTBOUND, outboundJobId } from '../../jobs/queues.ts';
import { createOutboundProcessor } from '../../jobs/processors/outbound.ts';
import { DEFAULT_CONCURRENCY } from '../../jobs/startWorkers.ts';
import { createRedis } from '../../src/core/redis/createRedis.ts';
import { openDatabase } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { systemClock } from '../../src/core/time/clock.ts';
import type { Platform } from '../../src/core/generated/prisma/enums.ts';
import { createTestDatabase } from '../../test/support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/testRedis.ts';
import { FakeLarkServer } from '../../test/support/fakeLarkServer.ts';
import { dingTalkFanout } from '../benchDingTalkFanout.ts';

/** The county: one message (a digest, an announcement) to every bound Feishu group. */
const GROUPS = Number(process.env.BENCH_FANOUT_GROUPS ?? 925);
/** As the service runs it (jobs/startWorkers.ts default), unless BENCH_FANOUT_CONCURRENCY says otherwise. */
const CONCURRENCY = Number(process.env.BENCH_FANOUT_CONCURRENCY ?? DEFAULT_CONCURRENCY.outbound);

interface Rule {
  limit: number;
  windowMs: number;
}

/**
 * The earliest moment (ms after the first) the n-th of `count` sends can start when every rule is a sliding
 * window "at most `limit` in any `windowMs`": send i may start at the earliest at send (i − limit) + window.
 */
export function minimumSpanMs(count: number, rules: Rule[]): number {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (const rule of rules) if (i >= rule.limit) t = Math.max(t, starts[i - rule.limit]! + rule.windowMs);
    starts.push(t);
  }
  return starts.at(-1) ?? 0;
}

/** The largest number of times falling in any half-open window [t, t + windowMs). */
function maxInWindow(sortedTimes: number[], windowMs: number): number {
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sortedTimes.length; hi++) {
    while (sortedTimes[hi]! - sortedTimes[lo]! >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/**
 * Outbound fan-out: one message to 925 Feishu groups through the real outbound worker (delivery bookkeeping in
 * PostgreSQL), LarkAdapter and its Redis rate limiter, against the local fake Feishu Open API. Reports the time
 * beside the minimum Feishu's limits allow (50/s and 1000/min per app, 5/s per group) and the minimum the limiter's
 * own guarded windows allow, and checks at the fake that no limit was exceeded. The WeChat / QQ pacing minimum is
 * computed from the configured per-account gap (a real run would take many minutes by design). Then the same
 * message to as many DingTalk groups through DingTalkAdapter and its limiter against the fake DingTalk
 * (bench/benchDingTalkFanout.ts), reported next to Feishu.
 */
const bench: BenchCase = {
  name: 'outboundFanout',
  async run(): Promise<BenchFigure[]> {
    const testDb = await createTestDatabase('postgres');
    const database = await openDatabase({ url: testDb.url! });
    await migrate(database);
    const prefix = uniquePrefix('fanout');
    const fake = await new FakeLarkServer().start();
    const redis = createRedis(TEST_REDIS_URL, 'producer');
    const connections: Redis[] = [];
    const connection = () => {
      const r = createRedis(TEST_REDIS_URL, 'worker');
      connections.push(r);
      return r;
    };
    const queues = createQueues(redis, prefix);
    const log = pino({ level: 'silent' });
    const adapter = benchLarkAdapter({ fakeUrl: fake.url, redis, prefix, queues, eventsConnection: connection, log });
    const adapters = new Map<Platform, ChatAdapter>([['LARK', adapter]]);
    const worker = new Worker(OUTBOUND, createOutboundProcessor({ db: database.prisma, clock: systemClock, log, adapters }), {
      connection: connection(),
      prefix,
      concurrency: CONCURRENCY,
    });
    try {
      await worker.waitUntilReady();
      const view = { kind: 'digest', title: '本周党建工作简报', tone: 'info' as const, lines: ['各支部本周完成情况见下表。', '请各支部书记按时上报。'] };
      const t0 = performance.now();
      const firstAt = Date.now();
      await queues.outbound.addBulk(
        Array.from({ length: GROUPS }, (_, i) => {
          const deliveryId = `bench:fanout:${i}`;
          return {
            name: 'push',
            data: { deliveryId, platform: 'LARK' as const, chatId: `oc_fanout_${String(i).padStart(4, '0')}`, view },
            opts: { jobId: outboundJobId(deliveryId) },
          };
        }),
      );
      const sends = await fake.waitFor((s) => s.filter((x) => x.status === 200).length >= GROUPS, 10 * 60_000);
      const totalMs = performance.now() - t0;
      // Bookkeeping: every delivery marked SENT.
      for (let i = 0; ; i++) {
        if ((await database.prisma.outboundDelivery.count({ where: { status: 'SENT' } })) >= GROUPS) break;
        if (i > 200) throw new Error('deliveries were not all marked SENT');
        await new Promise((r) => setTimeout(r, 50));
      }
      const totalWithBookkeepingMs = performance.now() - t0;

      const ok = sends.filter((s) => s.status === 200);
      const times = ok.map((s) => s.at).sort((a, b) => a - b);
      const spanMs = times.at(-1)! - times[0]!;
      const perChat = new Map<string, number[]>();
      for (const s of ok) perChat.set(s.target, [...(perChat.get(s.target) ?? []), s.at]);
      const maxPerChat = Math.max(
        ...[...perChat.values()].map((ts) =>
          maxInWindow(
            ts.sort((a, b) => a - b),
            1000,
          ),
        ),
      );
      const feishuMinimumMs = minimumSpanMs(GROUPS, [
        { limit: 50, windowMs: 1000 },
        { limit: 1000, windowMs: 60_000 },
      ]);
      const limiterMinimumMs = minimumSpanMs(GROUPS, [
        { limit: 50, windowMs: 1100 },
        { limit: 1000, windowMs: 60_100 },
      ]);
      const config = loadConfig({ ...process.env, DATABASE_URL: testDb.url! });
      // The same message to as many DingTalk groups, after Feishu's run (the two never share a limit).
      const dingTalk = await dingTalkFanout({
        db: database.prisma,
        groups: GROUPS,
        concurrency: CONCURRENCY,
        prefix,
        redis,
        connection,
        log,
        view,
        minimumSpanMs,
        maxInWindow,
      });
      const oneBotGapMs = config.ONEBOT_SEND_INTERVAL_MS + config.ONEBOT_SEND_JITTER_MS / 2;
      const wechatGapMs = config.WECHATY_SEND_INTERVAL_MS + config.WECHATY_SEND_JITTER_MS / 2;

      return [
        { name: `groups (one message each)`, value: GROUPS, unit: 'count' },
        { name: 'outbound worker concurrency', value: CONCURRENCY, unit: 'jobs' },
        { name: 'Feishu: enqueue → last send answered', value: round(totalMs / 1000), unit: 's' },
        { name: 'Feishu: enqueue → all deliveries marked SENT', value: round(totalWithBookkeepingMs / 1000), unit: 's' },
        { name: 'Feishu: first → last send at the fake', value: round(spanMs / 1000), unit: 's' },
        { name: 'Feishu: minimum by its limits (50/s, 1000/min per app)', value: round(feishuMinimumMs / 1000), unit: 's' },
        { name: 'Feishu: naive minimum (groups / 50 per s)', value: round(GROUPS / 50), unit: 's' },
        { name: 'Feishu: minimum of the limiter (1.1 s / 60.1 s guarded windows)', value: round(limiterMinimumMs / 1000), unit: 's' },
        { name: 'Feishu: span / minimum by its limits', value: round(spanMs / Math.max(feishuMinimumMs, 1), 3), unit: 'x' },
        { name: 'Feishu: span / limiter minimum', value: round(spanMs / Math.max(limiterMinimumMs, 1), 3), unit: 'x' },
        { name: 'Feishu: sends per app in the busiest 1 s (limit 50)', value: maxInWindow(times, 1000), unit: 'count' },
        { name: 'Feishu: sends per app in the busiest 60 s (limit 1000)', value: maxInWindow(times, 60_000), unit: 'count' },
        { name: 'Feishu: sends per group in the busiest 1 s (limit 5)', value: maxPerChat, unit: 'count' },
        { name: 'Feishu: 429 answers / send calls beyond one per group', value: sends.length - GROUPS, unit: 'count' },
        { name: 'Feishu: groups reached', value: perChat.size, unit: 'count' },
        { name: 'first send after enqueue', value: Math.round(times[0]! - firstAt), unit: 'ms' },
        ...dingTalk,
        { name: 'QQ (OneBot) pacing minimum, one account (mean gap × groups)', value: round((oneBotGapMs * (GROUPS - 1)) / 1000, 0), unit: 's' },
        { name: 'WeChat pacing minimum, one account (mean gap × groups)', value: round((wechatGapMs * (GROUPS - 1)) / 1000, 0), unit: 's' },
        { name: 'bench process peak RSS', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' },
      ];
    } finally {
      await worker.close();
      await adapter.disconnect();
      await queues.close();
      for (const r of connections) r.disconnect();
      redis.disconnect();
      await database.close();
      await fake.stop();
      await testDb.drop();
      await deletePrefix(prefix);
    }
  },
};

export default bench;
