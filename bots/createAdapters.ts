import type { Redis } from 'ioredis';
import type { Platform } from '../src/generated/prisma/enums.ts';
import type { Config } from '../src/config/loadConfig.ts';
import type { Db } from '../src/db/openDatabase.ts';
import type { ChatAdapter } from './ChatAdapter.ts';
import type { Queues } from '../jobs/queues.ts';
import { SandboxAdapter } from './sandbox/SandboxAdapter.ts';
import { listSandboxGroups, listSandboxPersonas } from '../src/sandbox/sandboxDirectory.ts';

export interface AdapterDeps {
  config: Config;
  db: Db;
  redis: Redis;
  queues: Queues;
  newConnection: () => Redis;
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
  return adapters;
}
