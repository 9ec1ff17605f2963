import { anyPlatformConfigured, type Config } from '../core/config/loadConfig.ts';

/** The service will not start this way: one line saying why and how to fix it. */
export class UnsafeStartError extends Error {
  override name = 'UnsafeStartError';
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Webhooks never run open by accident: Feishu in webhook mode needs its Encrypt Key and Verification Token,
 * QQ (OneBot) needs a secret unless the server listens on loopback only. ALLOW_INSECURE_WEBHOOKS=1 lets it start
 * anyway, and every start then warns about what is open.
 */
export function checkWebhookExposure(config: Config): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  if (config.LARK_APP_ID && config.LARK_MODE === 'webhook' && (!config.LARK_ENCRYPT_KEY || !config.LARK_VERIFICATION_TOKEN)) {
    const missing = [!config.LARK_ENCRYPT_KEY && 'LARK_ENCRYPT_KEY', !config.LARK_VERIFICATION_TOKEN && 'LARK_VERIFICATION_TOKEN'].filter(Boolean).join('、');
    problems.push(
      `飞书已开启，但没有配置 ${missing}：任何人都能伪造飞书事件。请在飞书开放平台「事件与回调 → 加密策略」取得 Encrypt Key 和 Verification Token 并配置`,
    );
  }
  const oneBotOn = Boolean(config.ONEBOT_API_URL || config.ONEBOT_SECRET || config.ONEBOT_ALLOWED_ADDRESS);
  if (oneBotOn && !config.ONEBOT_SECRET && !isLoopbackHost(config.HOST)) {
    problems.push(
      `QQ（OneBot）已开启，但没有配置 ONEBOT_SECRET，而服务监听 HOST=${config.HOST}：任何能连上的人都能伪造 QQ 消息。请在 NapCat/Lagrange 设置上报密钥并配置同一个 ONEBOT_SECRET，或设 HOST=127.0.0.1`,
    );
  }
  if (problems.length === 0) return { problems, warnings: [] };
  if (config.ALLOW_INSECURE_WEBHOOKS) return { problems: [], warnings: problems };
  return { problems, warnings: [] };
}

/** Throws the line main prints before exiting 1. */
export function refuseOpenWebhooks(config: Config): string[] {
  const { problems, warnings } = checkWebhookExposure(config);
  if (problems.length > 0) {
    throw new UnsafeStartError(`拒绝启动：${problems.join('；')}。确需如此运行，请设置 ALLOW_INSECURE_WEBHOOKS=1（每次启动都会告警）。`);
  }
  return warnings;
}

export { anyPlatformConfigured };
