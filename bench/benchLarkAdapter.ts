import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LarkAdapter } from '../bots/lark/LarkAdapter.ts';
import type { Queues } from '../jobs/queues.ts';
import { InboundReplies } from '../jobs/InboundReplies.ts';
import { TEST_LARK } from '../test/support/larkEvents.ts';

/** The Feishu adapter with the test app's credentials, pointed at a local fake Open API. */
export function benchLarkAdapter(options: {
  fakeUrl: string;
  redis: Redis;
  prefix: string;
  queues: Queues;
  eventsConnection: () => Redis;
  log: Logger;
}): LarkAdapter {
  return new LarkAdapter({
    appId: TEST_LARK.appId,
    appSecret: TEST_LARK.appSecret,
    encryptKey: TEST_LARK.encryptKey,
    verificationToken: TEST_LARK.verificationToken,
    domain: options.fakeUrl,
    mode: 'webhook',
    timestampToleranceSeconds: 600,
    bodyLimitBytes: 1024 * 1024,
    maxImageBytes: 10 * 1024 * 1024,
    redis: options.redis,
    prefix: options.prefix,
    replies: new InboundReplies({ queues: options.queues, eventsConnection: options.eventsConnection, prefix: options.prefix }),
    log: options.log,
  });
}
