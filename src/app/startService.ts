import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_REDIS_URL, loadConfig, type Config } from '../core/config/loadConfig.ts';
import { createLogger } from '../core/log/logger.ts';
import { openDatabase, type Database } from '../core/db/openDatabase.ts';
import { migrate } from '../core/db/migrate.ts';
import { seedReferenceData } from './seed/seedReferenceData.ts';
import { seedDemo } from './demo/seedDemo.ts';
import { seedDemoHistory } from './demo/seedDemoHistory.ts';
import { checkRedis, createRedis, waitUntilReady } from '../core/redis/createRedis.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import { createQueues, type Queues } from '../../jobs/queues.ts';
import { createIngest } from '../../jobs/createIngest.ts';
import { startWorkers, type Workers } from '../../jobs/startWorkers.ts';
import { registerSchedules } from '../../jobs/schedules.ts';
import { createSchedulesProcessor } from './jobs/createSchedulesProcessor.ts';
import { createAdapters } from './createAdapters.ts';
import { createApp } from './server/createApp.ts';
import { boardSecret } from '../areas/board/boardAccess.ts';
import { buildChatHandlers } from './buildChatHandlers.ts';
import { mayConcernBot } from '../engine/chat/mayConcernBot.ts';
import { isPicturesAlone } from '../engine/chat/isPicturesAlone.ts';
import { UnboundPictureChats } from '../../jobs/UnboundPictureChats.ts';
import type { Platform } from '../core/generated/prisma/enums.ts';
import type { ChatAdapter } from '../../bots/ChatAdapter.ts';
import { refuseOpenWebhooks } from './checkWebhookExposure.ts';
import { anyPlatformConfigured } from '../core/config/loadConfig.ts';
import { countDemo } from './demo/removeDemo.ts';
import { RedisAttemptLimiter } from '../core/redis/AttemptLimiter.ts';
import { startEmbeddedRedis, type EmbeddedRedis } from './embeddedRedis.ts';

export interface ServiceOptions {
  env?: Record<string, string | undefined>;
  /** Tests: where Redis is looked for when REDIS_URL is unset, and the PATH searched for redis-server. */
  defaultRedis?: { url: string; path?: string };
  clock?: Clock;
  log?: Logger;
  /** Tests pass an in-memory PGlite folder (`memory://`). */
  pgliteDir?: string;
}

export interface Service {
  config: Config;
  database: Database;
  queues: Queues;
  adapters: Map<Platform, ChatAdapter>;
  /** Base URL of the HTTP server, when this process runs the web role. */
  url: string | null;
  log: Logger;
  close(): Promise<void>;
}

/** The composition root: configuration, database, queues, adapters, web server and workers. */
export async function startService(options: ServiceOptions = {}): Promise<Service> {
  let config = loadConfig(options.env ?? process.env);
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  // Before anything is opened: an open webhook is refused with one line (main prints it and exits 1).
  for (const warning of refuseOpenWebhooks(config)) log.warn({ insecure: true }, `ALLOW_INSECURE_WEBHOOKS=1：${warning}`);

  let embeddedRedis: EmbeddedRedis | null = null;
  if (config.REDIS_URL_GIVEN) {
    await checkRedis(config.REDIS_URL);
  } else {
    const defaultUrl = options.defaultRedis?.url ?? DEFAULT_REDIS_URL;
    try {
      await checkRedis(defaultUrl, 1000);
      config = { ...config, REDIS_URL: defaultUrl };
    } catch (error) {
      // Web and workers apart must share one Redis: only the all-in-one process may bring its own.
      if (config.ROLE !== 'all') throw error;
      embeddedRedis = await startEmbeddedRedis({
        dataDir: config.DATA_DIR,
        log,
        ...(options.defaultRedis?.path !== undefined ? { path: options.defaultRedis.path } : {}),
      });
      config = { ...config, REDIS_URL: embeddedRedis.url };
    }
  }

  const database = await openDatabase({
    ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}),
    pgliteDir: options.pgliteDir ?? resolve(config.DATA_DIR, 'pglite'),
  }).catch(async (error: unknown) => {
    await embeddedRedis?.stop();
    throw error;
  });
  // Closed in order: everything that uses Redis first, the private redis-server (if any) last.
  const closers: (() => Promise<unknown>)[] = [() => database.close(), ...(embeddedRedis ? [embeddedRedis.stop] : [])];
  try {
    const migrated = await migrate(database);
    log.info({ database: database.kind, applied: migrated.applied, upToDate: migrated.alreadyApplied.length }, 'database ready');
    await seedReferenceData(database.prisma);
    if (config.DEMO) {
      const started = performance.now();
      const demo = await seedDemo(database.prisma);
      if (demo) log.info({ ...demo, ms: Math.round(performance.now() - started) }, 'demo organisation loaded (fictional names); set DEMO=0 to start empty');
      if (demo && config.DEMO_HISTORY) {
        const historyStarted = performance.now();
        const history = await seedDemoHistory(database.prisma, { now: clock.now(), zone: config.TZ_NAME, dataDir: config.DATA_DIR });
        log.info({ ...history, ms: Math.round(performance.now() - historyStarted) }, 'demo history of this year loaded; set DEMO_HISTORY=0 for an empty year');
      }
    }
    if (!config.DEMO || anyPlatformConfigured(config)) {
      const demo = await countDemo(database.prisma);
      if (demo.organizations > 0) {
        log.warn(
          demo,
          `数据库里还有演示组织（${demo.organizations} 个组织、${demo.members} 名虚构党员）；真实平台看不到也绑不上它。要删除，请停止服务后运行 npm run demo:remove`,
        );
      }
    }

    if (anyPlatformConfigured(config) && !config.PUBLIC_BASE_URL) {
      log.warn(
        'PUBLIC_BASE_URL 未设置：发到飞书、微信、QQ、钉钉的回复和推送里不会带下载、看板和公示栏打印链接；请设置为本服务的对外地址，例如 https://zhibu.example.cn',
      );
    }

    const connections: Redis[] = [];
    const newConnection = () => {
      const connection = createRedis(config.REDIS_URL, 'worker');
      connections.push(connection);
      return connection;
    };
    closers.unshift(async () => Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect()))));
    const producer = createRedis(config.REDIS_URL, 'producer');
    connections.push(producer);
    await waitUntilReady(producer);
    const queues = createQueues(producer, config.QUEUE_PREFIX);
    closers.unshift(() => queues.close());

    const adapters = await createAdapters({ config, db: database.prisma, redis: producer, queues, newConnection, log });
    closers.unshift(async () => Promise.all([...adapters.values()].map((a) => a.disconnect?.())));
    const handlers = buildChatHandlers();
    const unboundPictureChats = new UnboundPictureChats(producer, config.QUEUE_PREFIX);
    const ingest = createIngest(queues, {
      mayConcernBot: (event) => mayConcernBot(event, handlers.registry),
      picturesAlone: (event) => isPicturesAlone(event, handlers.registry),
      unboundPictureChats,
    });

    let workers: Workers | null = null;
    if (config.ROLE !== 'web') {
      workers = startWorkers({
        connection: newConnection,
        prefix: config.QUEUE_PREFIX,
        log,
        queues,
        lockDurationMs: config.JOB_LOCK_MS,
        inbound: {
          db: database.prisma,
          config,
          clock,
          handlers,
          limiter: new RedisAttemptLimiter(producer, config.QUEUE_PREFIX),
          unboundPictureChats,
          fetchImage: (event, ref) => {
            const adapter = adapters.get(event.platform);
            if (!adapter) throw new Error(`no adapter for ${event.platform}`);
            return adapter.fetchImage(ref);
          },
          fetchFile: (event, ref) => {
            const adapter = adapters.get(event.platform);
            if (!adapter?.fetchFile) throw new Error(`${event.platform} cannot fetch files`);
            return adapter.fetchFile(ref);
          },
        },
        outbound: { db: database.prisma, clock, adapters },
        schedules: createSchedulesProcessor({ db: database.prisma, config, clock, log, queues }),
      });
      // Workers stop first on shutdown, finishing the jobs in hand.
      closers.unshift(() => workers!.close());
    }

    if (config.ROLE !== 'web') {
      const schedules = await registerSchedules(queues.schedules, config);
      log.info(schedules, 'job schedulers registered');
    }

    for (const adapter of adapters.values()) await adapter.connect?.(ingest);

    let url: string | null = null;
    if (config.ROLE !== 'worker') {
      const board = {
        db: database.prisma,
        clock,
        zone: config.TZ_NAME,
        dataDir: config.DATA_DIR,
        secret: () => boardSecret(database.prisma, config.BOARD_SECRET),
      };
      const app = createApp({
        db: database.prisma,
        redis: producer,
        log,
        adapters: adapters.values(),
        ingest,
        dataDir: config.DATA_DIR,
        clock,
        board,
        briefingFiles: board,
      });
      const server = await new Promise<ServerType>((resolveServer) => {
        const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveServer(s));
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      url = `http://127.0.0.1:${port}`;
      // The server stops taking requests before anything else closes.
      closers.unshift(() => new Promise<void>((done) => server.close(() => done())));
      log.info({ url, sandbox: config.SANDBOX ? `${url}/sandbox` : 'off', role: config.ROLE }, 'web server listening');
    }

    return {
      config,
      database,
      queues,
      adapters,
      url,
      log,
      async close() {
        for (const close of closers) await close().catch((error: unknown) => log.warn({ err: error }, 'error while closing'));
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
