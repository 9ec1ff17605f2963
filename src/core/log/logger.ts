import { pino, type DestinationStream, type Logger } from 'pino';

const secretKeys = [
  'appSecret',
  'app_secret',
  'clientSecret',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'verification_token',
  'token',
  'accessToken',
  'access_token',
  'tenant_access_token',
  'password',
  'secret',
  'authorization',
  'cookie',
  'phone',
  'mobile',
];

const configSecrets = [
  'BOARD_SECRET',
  'LARK_APP_SECRET',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'ONEBOT_SECRET',
  'ONEBOT_ACCESS_TOKEN',
  'WECHATY_PUPPET_TOKEN',
  'DINGTALK_CLIENT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
];

/**
 * Paths never written to a log line: secrets and phones at the top level or one level down, request
 * headers that carry credentials or signatures, and the secret settings of the configuration.
 * (Free text such as chat messages goes through maskPhonesInText before it is logged.)
 */
export const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  'headers["x-lark-signature"]',
  'headers["x-signature"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-lark-signature"]',
  '*.headers["x-signature"]',
  ...configSecrets.map((key) => `config.${key}`),
  ...configSecrets,
];

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'zhibu' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
