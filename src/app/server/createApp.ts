import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ChatAdapter, Ingest } from '../../../bots/ChatAdapter.ts';
import { JobWaitTimeout } from '../../../jobs/JobWaiter.ts';
import { isInfrastructureError } from '../../core/errors/isInfrastructureError.ts';
import { mountFileRoutes } from '../../areas/ledgers/mountFileRoutes.ts';
import { systemClock, type Clock } from '../../core/time/clock.ts';
import { mountBoardRoutes, type BoardRouteDeps } from '../../areas/board/mountBoardRoutes.ts';
import { mountAttachmentRoutes, type AttachmentRouteDeps } from '../../areas/briefings/mountAttachmentRoutes.ts';

export interface AppDeps {
  db: Db;
  redis: Redis;
  log: Logger;
  adapters: Iterable<ChatAdapter>;
  ingest: Ingest;
  /** Where exported files are kept for download links (GET /files/<token>). */
  dataDir?: string;
  /** The service's clock: a download link's 7 days run on the time that stamped it. */
  clock?: Clock;
  /** The live board (/board/<token>). */
  board?: BoardRouteDeps;
  /** 简报 attachments (/briefing-files/<token>). */
  briefingFiles?: AttachmentRouteDeps;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    const [database, redis] = await Promise.all([
      within(2000, deps.db.$queryRaw`SELECT 1`).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      within(1000, deps.redis.ping()).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
    ]);
    const healthy = database === 'ok' && redis === 'ok';
    return c.json({ status: healthy ? 'ok' : 'unavailable', database, redis }, healthy ? 200 : 503);
  });

  app.get('/', (c) => c.redirect('/sandbox'));

  if (deps.dataDir) mountFileRoutes(app, deps.dataDir, deps.clock ?? systemClock);
  if (deps.board) mountBoardRoutes(app, deps.board);
  if (deps.briefingFiles) mountAttachmentRoutes(app, deps.briefingFiles);
  for (const adapter of deps.adapters) adapter.mountRoutes?.(app, deps.ingest);

  app.onError((error, c) => {
    if (error instanceof JobWaitTimeout) {
      deps.log.warn({ err: error, path: c.req.path }, 'gave up waiting for the reply; the message stays queued');
      return c.json({ error: '消息已收到，但暂时等不到回复（消息队列繁忙或无法连接）；处理完后回复会出现在群里，请稍后刷新查看' }, 503);
    }
    if (isInfrastructureError(error)) {
      deps.log.warn({ err: error, path: c.req.path }, 'database or queue unavailable; asked the sender to retry');
      return c.json({ error: '服务暂时不可用（数据库或消息队列无法连接），请稍后重试' }, 503);
    }
    deps.log.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: '服务器内部错误' }, 500);
  });

  return app;
}
