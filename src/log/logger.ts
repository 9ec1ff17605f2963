import { pino, type Logger } from 'pino';

/** Paths never written to a log line, wherever they appear in a logged object. */
const redactPaths = [
  '*.appSecret',
  '*.app_secret',
  '*.encryptKey',
  '*.encrypt_key',
  '*.token',
  '*.accessToken',
  '*.phone',
  '*.mobile',
  '*.authorization',
  'headers.authorization',
  'headers["x-lark-signature"]',
  'config.LARK_APP_SECRET',
  'config.LARK_ENCRYPT_KEY',
  'config.LARK_VERIFICATION_TOKEN',
  'config.ONEBOT_SECRET',
  'config.ONEBOT_ACCESS_TOKEN',
  'config.WECHATY_PUPPET_TOKEN',
];

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'zhibu' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  });
}
