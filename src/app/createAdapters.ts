import type { Redis } from 'ioredis';
import type { Platform } from '../core/generated/prisma/enums.ts';
import type { Config } from '../core/config/loadConfig.ts';
import type { Db } from '../core/db/openDatabase.ts';
import type { ChatAdapter } from '../../bots/ChatAdapter.ts';
import type { Queues } from '../../jobs/queues.ts';
import { InboundReplies } from '../../jobs/InboundReplies.ts';
import { SandboxAdapter } from '../../bots/sandbox/SandboxAdapter.ts';
import { listSandboxGroups, listSandboxPersonas } from './sandbox/sandboxDirectory.ts';
import pino, { type Logger } from 'pino';
import { RedisPacer } from '../../bots/pacing/RedisPacer.ts';
import { SentParts } from '../../bots/shared/SentParts.ts';

export interface AdapterDeps {
  config: Config;
  db: Db;
  redis: Redis;
  queues: Queues;
  newConnection: () => Redis;
  log?: Logger;
}

/**
 * Every platform the configuration enables. The sandbox is on when no real platform is configured (or with
 * SANDBOX=1); QQ (OneBot v11) when ONEBOT_API_URL, ONEBOT_SECRET or ONEBOT_ALLOWED_ADDRESS is set; WeChat (wechaty)
 * when WECHATY_PUPPET is set; DingTalk when DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET and DINGTALK_ROBOT_CODE are set.
 * A platform's adapter and its SDK (wechaty and its puppet, the Feishu SDK, dingtalk-stream) are loaded only when
 * that platform is configured: together they would hold a couple of hundred MB in every process.
 */
export async function createAdapters(deps: AdapterDeps): Promise<Map<Platform, ChatAdapter>> {
  const adapters = new Map<Platform, ChatAdapter>();
  const { config } = deps;
  if (config.SANDBOX) {
    adapters.set(
      'SANDBOX',
      new SandboxAdapter({
        redis: deps.redis,
        prefix: config.QUEUE_PREFIX,
        directory: { personas: () => listSandboxPersonas(deps.db), groups: () => listSandboxGroups(deps.db) },
        replies: new InboundReplies({ queues: deps.queues, eventsConnection: deps.newConnection, prefix: config.QUEUE_PREFIX }),
        maxImageBytes: config.PHOTO_MAX_BYTES,
        dataDir: config.DATA_DIR,
        ratePerMinute: config.SANDBOX_RATE_PER_MINUTE,
        logTtlHours: config.SANDBOX_LOG_TTL_HOURS,
      }),
    );
  }
  const log = deps.log ?? pino({ level: 'silent' });
  if (config.ONEBOT_API_URL || config.ONEBOT_SECRET || config.ONEBOT_ALLOWED_ADDRESS) {
    if (config.ONEBOT_MEDIA_ALLOW_PRIVATE.length > 0) {
      log.warn(
        { allowPrivate: config.ONEBOT_MEDIA_ALLOW_PRIVATE },
        'ONEBOT_MEDIA_ALLOW_PRIVATE is set: QQ picture and file downloads may reach these non-public addresses (tests and local fakes only; never in production)',
      );
    }
    const { OneBotAdapter } = await import('../../bots/onebot/OneBotAdapter.ts');
    adapters.set(
      'QQ',
      new OneBotAdapter({
        ...(config.ONEBOT_SECRET ? { secret: config.ONEBOT_SECRET } : {}),
        ...(config.ONEBOT_ALLOWED_ADDRESS ? { allowedAddress: config.ONEBOT_ALLOWED_ADDRESS } : {}),
        ...(config.ONEBOT_API_URL ? { apiUrl: config.ONEBOT_API_URL } : {}),
        ...(config.ONEBOT_ACCESS_TOKEN ? { accessToken: config.ONEBOT_ACCESS_TOKEN } : {}),
        timeoutMs: config.ONEBOT_HTTP_TIMEOUT_MS,
        bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
        maxImageBytes: config.PHOTO_MAX_BYTES,
        media: {
          allowedHosts: config.ONEBOT_MEDIA_HOSTS,
          fileHosts: config.ONEBOT_FILE_HOSTS,
          timeoutMs: config.PHOTO_FETCH_TIMEOUT_MS,
          allowPrivate: config.ONEBOT_MEDIA_ALLOW_PRIVATE,
        },
        pacer: new RedisPacer(deps.redis, config.QUEUE_PREFIX, { intervalMs: config.ONEBOT_SEND_INTERVAL_MS, jitterMs: config.ONEBOT_SEND_JITTER_MS }),
        redis: deps.redis,
        prefix: config.QUEUE_PREFIX,
        log,
      }),
    );
  }
  if (config.WECHATY_PUPPET) {
    const [{ WechatyAdapter }, { WechatLoginState }, { SessionLease }] = await Promise.all([
      import('../../bots/wechaty/WechatyAdapter.ts'),
      import('../../bots/wechaty/WechatLoginState.ts'),
      import('../../bots/wechaty/SessionLease.ts'),
    ]);
    adapters.set(
      'WECHAT',
      new WechatyAdapter({
        puppet: config.WECHATY_PUPPET,
        ...(config.WECHATY_PUPPET_TOKEN ? { puppetToken: config.WECHATY_PUPPET_TOKEN } : {}),
        ...(config.WECHAT_LOGIN_TOKEN ? { loginToken: config.WECHAT_LOGIN_TOKEN } : {}),
        // The worker side owns the WeChat session (it sends); a web-only process just shows the login page.
        runBot: config.ROLE !== 'web',
        dataDir: config.DATA_DIR,
        maxImageBytes: config.PHOTO_MAX_BYTES,
        loginState: new WechatLoginState(deps.redis, config.QUEUE_PREFIX),
        pacer: new RedisPacer(deps.redis, config.QUEUE_PREFIX, { intervalMs: config.WECHATY_SEND_INTERVAL_MS, jitterMs: config.WECHATY_SEND_JITTER_MS }),
        sent: new SentParts(deps.redis, config.QUEUE_PREFIX, 'wechat'),
        outbound: deps.queues.outbound,
        lease: new SessionLease(deps.redis, `${config.QUEUE_PREFIX}:wechat:session-lease`),
        log,
      }),
    );
  }
  if (config.LARK_APP_ID && config.LARK_APP_SECRET) {
    const { LarkAdapter } = await import('../../bots/lark/LarkAdapter.ts');
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
        replies: new InboundReplies({ queues: deps.queues, eventsConnection: deps.newConnection, prefix: config.QUEUE_PREFIX }),
        log,
      }),
    );
  }
  if (config.DINGTALK_CLIENT_ID && config.DINGTALK_CLIENT_SECRET && config.DINGTALK_ROBOT_CODE) {
    const { DingTalkAdapter } = await import('../../bots/dingtalk/DingTalkAdapter.ts');
    adapters.set(
      'DINGTALK',
      new DingTalkAdapter({
        clientId: config.DINGTALK_CLIENT_ID,
        clientSecret: config.DINGTALK_CLIENT_SECRET,
        robotCode: config.DINGTALK_ROBOT_CODE,
        gatewayUrl: config.DINGTALK_GATEWAY_URL,
        apiBase: config.DINGTALK_API_BASE,
        oapiBase: config.DINGTALK_OAPI_BASE,
        cardTemplateId: config.DINGTALK_CARD_TEMPLATE_ID,
        timeoutMs: config.DINGTALK_HTTP_TIMEOUT_MS,
        maxImageBytes: config.PHOTO_MAX_BYTES,
        redis: deps.redis,
        prefix: config.QUEUE_PREFIX,
        log,
      }),
    );
  }
  return adapters;
}
