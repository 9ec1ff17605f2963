import type { Redis } from 'ioredis';
import type { Platform } from '../src/generated/prisma/enums.ts';
import type { Config } from '../src/config/loadConfig.ts';
import type { Db } from '../src/db/openDatabase.ts';
import type { ChatAdapter } from './ChatAdapter.ts';
import type { Queues } from '../jobs/queues.ts';
import { SandboxAdapter } from './sandbox/SandboxAdapter.ts';
import { listSandboxGroups, listSandboxPersonas } from '../src/sandbox/sandboxDirectory.ts';
import { LarkAdapter } from './lark/LarkAdapter.ts';
import type { Logger } from 'pino';
import { createLogger } from '../src/log/logger.ts';

export interface AdapterDeps {
  config: Config;
  db: Db;
  redis: Redis;
  queues: Queues;
  newConnection: () => Redis;
  log?: Logger;
}

/** Every platform the configuration enables. The sandbox is on unless SANDBOX=0. */
export function createAdapters(deps: AdapterDeps): Map<Platform, ChatAdapter> {
  const adapters = new Map<Platform, ChatAdapter>();
  const { config } = deps;
  if (config.SANDBOX) {
    adapters.set(
      'SANDBOX',
      new SandboxAdapter({
        redis: deps.redis,
        prefix: config.QUEUE_PREFIX,
        directory: { personas: () => listSandboxPersonas(deps.db), groups: () => listSandboxGroups(deps.db) },
        queues: deps.queues,
        eventsConnection: deps.newConnection,
        maxImageBytes: config.PHOTO_MAX_BYTES,
      }),
    );
  }
  if (config.LARK_APP_ID && config.LARK_APP_SECRET) {
    adapters.set(
      'LARK',
      new LarkAdapter({
        appId: config.LARK_APP_ID,
        appSecret: config.LARK_APP_SECRET,
        encryptKey: config.LARK_ENCRYPT_KEY,
        verificationToken: config.LARK_VERIFICATION_TOKEN,
        domain: config.LARK_DOMAIN.replace(/\/+$/, ''),
        mode: config.LARK_MODE,
        timestampToleranceSeconds: config.LARK_TIMESTAMP_TOLERANCE_SECONDS,
        bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
        maxImageBytes: config.PHOTO_MAX_BYTES,
        redis: deps.redis,
        prefix: config.QUEUE_PREFIX,
        queues: deps.queues,
        eventsConnection: deps.newConnection,
        log: deps.log ?? createLogger(config.LOG_LEVEL),
      }),
    );
  }
  return adapters;
}
