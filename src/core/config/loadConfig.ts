import { z } from 'zod';
import ipaddr from 'ipaddr.js';

const booleanFlag = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const optionalSecret = z.string().min(1).optional();

const cronPattern = z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern such as "40 8 * * *"');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  // Unset: the Redis on the default port, or else a private redis-server under DATA_DIR (src/app/embeddedRedis.ts).
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('zhibu'),
  TZ_NAME: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a known IANA time zone')
    .default('Asia/Shanghai'),
  /** web = HTTP only, worker = queues only, all = both in one process (default). */
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Defaults (see loadConfig): on when no chat platform is configured, off as soon as one is. */
  DEMO: booleanFlag.optional(),
  SANDBOX: booleanFlag.optional(),
  /** With DEMO: also load the current year's history up to today on a first start (records, photos, points, tasks). */
  DEMO_HISTORY: booleanFlag.default(true),
  /** Runs Feishu without signature checks, or OneBot without a secret on a public HOST; logged at every start. */
  ALLOW_INSECURE_WEBHOOKS: booleanFlag.default(false),
  /** How long a /邀请 code stays valid. */
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 30)
    .default(72),
  /** Sandbox API: requests per client address per minute, and how long its chat log is kept. */
  SANDBOX_RATE_PER_MINUTE: z.coerce.number().int().positive().default(120),
  SANDBOX_LOG_TTL_HOURS: z.coerce.number().int().positive().default(24),
  /** Shows the WeChat login QR code at /wechat/login?token=… only; without it, only to loopback clients. */
  WECHAT_LOGIN_TOKEN: optionalSecret,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  PHOTO_LINK_WINDOW_MINUTES: z.coerce.number().int().positive().default(120),
  /** After /简报 (or /简报 附件 <编号>), how long the sender's pictures and files in that chat go to the 简报. */
  BRIEFING_ATTACH_WINDOW_MINUTES: z.coerce.number().int().positive().max(240).default(10),
  /** How long a worker holds a job before another may take it over after a crash (BullMQ lockDuration). */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Base URL people open download links with (exports); without it links are relative paths. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** HMAC key of the live board's links (/board/<token>); unset: a random one kept in the database. */
  BOARD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How many days a board link stays valid. */
  BOARD_LINK_DAYS: z.coerce.number().int().min(1).max(366).default(30),

  /** Scheduled pushes (docs/schedules.md): cron patterns in TZ_NAME; SCHEDULES=0 registers none. */
  SCHEDULES: booleanFlag.default(true),
  SCHEDULE_MORNING: cronPattern.default('40 8 * * *'),
  SCHEDULE_RECONCILE: cronPattern.default('17 * * * *'),
  SCHEDULE_WEEKLY_POINTS: cronPattern.default('13 17 * * 5'),
  SCHEDULE_WEEKLY_DIGEST: cronPattern.default('23 8 * * 1'),
  SCHEDULE_MONTHLY_DIGEST: cronPattern.default('27 8 1 * *'),
  SCHEDULE_YEAR_END_STARS: cronPattern.default('43 9 31 12 *'),

  LARK_APP_ID: z.string().min(1).optional(),
  LARK_APP_SECRET: optionalSecret,
  LARK_ENCRYPT_KEY: optionalSecret,
  LARK_VERIFICATION_TOKEN: optionalSecret,
  LARK_DOMAIN: z.string().url().default('https://open.feishu.cn'),
  LARK_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  LARK_TIMESTAMP_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),

  ONEBOT_SECRET: optionalSecret,
  ONEBOT_API_URL: z.string().url().optional(),
  ONEBOT_ACCESS_TOKEN: optionalSecret,
  ONEBOT_ALLOWED_ADDRESS: z.string().optional(),
  /** Pacing of one QQ account: at least this gap between sends, plus a random extra up to the jitter. */
  ONEBOT_SEND_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  ONEBOT_SEND_JITTER_MS: z.coerce.number().int().min(0).default(500),
  /** Timeout of calls to the OneBot HTTP API and of picture downloads from QQ. */
  ONEBOT_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /**
   * Hosts QQ pictures are downloaded from (comma-separated; a name allows its subdomains; `*` any public host).
   * Whatever the list, only public addresses are fetched (docs/security.md).
   */
  ONEBOT_MEDIA_HOSTS: z
    .string()
    .default('qpic.cn,qq.com,qq.com.cn,qlogo.cn')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  /**
   * Hosts the download address of a QQ group file may name (comma-separated, as above). The address comes from the
   * OneBot implementation's file API, not from a message, and QQ gives group files out from changing servers, often
   * as bare IP addresses: any host by default. Only public addresses are fetched whatever the list.
   */
  ONEBOT_FILE_HOSTS: z
    .string()
    .default('*')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  /**
   * Non-public addresses picture downloads may reach all the same (comma-separated addresses or CIDRs, e.g.
   * `127.0.0.1`): only for tests and local fakes. Empty (the default): loopback, private, link-local… refused.
   */
  ONEBOT_MEDIA_ALLOW_PRIVATE: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((entry) => ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry)), 'must be IP addresses or CIDR ranges, comma-separated'),
  /** Deadline of one picture download from a URL (connect, redirects and body); short, so slow links cannot hold the workers. */
  PHOTO_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),

  /** DingTalk (钉钉) enterprise internal app with a Stream-mode robot (docs/dingtalk.md); all three set = on. */
  DINGTALK_CLIENT_ID: z.string().min(1).optional(),
  DINGTALK_CLIENT_SECRET: optionalSecret,
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
  /** Stream gateway's connection-open URL (tests point it at a local fake). */
  DINGTALK_GATEWAY_URL: z.string().url().default('https://api.dingtalk.com/v1.0/gateway/connections/open'),
  /** New-style OpenAPI (access token, group messages, cards, message files). */
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com'),
  /** Old-style API, used only to upload pictures and files (media/upload). */
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  /** Card template for replies with buttons: the general template the official Stream SDKs use (msgTitle, msgContent, msgButtons). */
  DINGTALK_CARD_TEMPLATE_ID: z.string().min(1).default('382e4302-551d-4880-bf29-a30acfab2e71.schema'),
  /** Timeout of OpenAPI calls and downloads. */
  DINGTALK_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHATY_PUPPET_TOKEN: optionalSecret,
  /** Pacing of the WeChat account (conservative: personal accounts get flagged when they send in bursts). */
  WECHATY_SEND_INTERVAL_MS: z.coerce.number().int().min(0).default(1500),
  WECHATY_SEND_JITTER_MS: z.coerce.number().int().min(0).default(1500),
});

/** Where Redis is looked for when REDIS_URL is unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export type Config = Omit<z.infer<typeof configSchema>, 'DEMO' | 'SANDBOX' | 'REDIS_URL'> & {
  DEMO: boolean;
  SANDBOX: boolean;
  REDIS_URL: string;
  /** False when REDIS_URL was left unset: start-up may then run a private redis-server. */
  REDIS_URL_GIVEN: boolean;
};

/** True when any real chat platform (Feishu, QQ via OneBot, WeChat, DingTalk) is configured. */
export function anyPlatformConfigured(
  config: Partial<
    Pick<z.infer<typeof configSchema>, 'LARK_APP_ID' | 'ONEBOT_API_URL' | 'ONEBOT_SECRET' | 'ONEBOT_ALLOWED_ADDRESS' | 'WECHATY_PUPPET' | 'DINGTALK_CLIENT_ID'>
  >,
): boolean {
  return Boolean(
    config.LARK_APP_ID || config.ONEBOT_API_URL || config.ONEBOT_SECRET || config.ONEBOT_ALLOWED_ADDRESS || config.WECHATY_PUPPET || config.DINGTALK_CLIENT_ID,
  );
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Empty strings count as unset, as in most .env tooling. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const shown = cleaned[name] === undefined || /SECRET|TOKEN|KEY/.test(name) ? '' : ` (got "${cleaned[name]}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const platforms = anyPlatformConfigured(parsed.data);
  // With a real platform on, the demo and the open sandbox are opt-in (docs/binding.md).
  const config: Config = {
    ...parsed.data,
    DEMO: parsed.data.DEMO ?? !platforms,
    SANDBOX: parsed.data.SANDBOX ?? !platforms,
    REDIS_URL: parsed.data.REDIS_URL ?? DEFAULT_REDIS_URL,
    REDIS_URL_GIVEN: parsed.data.REDIS_URL !== undefined,
  };
  if (config.LARK_APP_ID && !config.LARK_APP_SECRET) {
    throw new ConfigError(['LARK_APP_SECRET: required when LARK_APP_ID is set']);
  }
  const dingTalk = [config.DINGTALK_CLIENT_ID, config.DINGTALK_CLIENT_SECRET, config.DINGTALK_ROBOT_CODE];
  if (dingTalk.some(Boolean) && !dingTalk.every(Boolean)) {
    const missing = (['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE'] as const).filter((name) => !config[name]);
    throw new ConfigError(missing.map((name) => `${name}: required when any of DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET, DINGTALK_ROBOT_CODE is set`));
  }
  if (config.ROLE !== 'all' && !config.DATABASE_URL) {
    // The embedded database belongs to one process; web and workers apart must share a PostgreSQL.
    throw new ConfigError([`DATABASE_URL: required when ROLE=${config.ROLE} (the embedded PGlite database cannot be shared between processes)`]);
  }
  return config;
}
