import type { Platform } from '../generated/prisma/enums.ts';
import { anyPlatformConfigured, type Config } from './loadConfig.ts';

type LinkConfig = Pick<
  Config,
  'PUBLIC_BASE_URL' | 'LARK_APP_ID' | 'ONEBOT_API_URL' | 'ONEBOT_SECRET' | 'ONEBOT_ALLOWED_ADDRESS' | 'WECHATY_PUPPET' | 'DINGTALK_CLIENT_ID'
>;

/**
 * What a link the bot sends starts with: PUBLIC_BASE_URL when set; '' (a path on the page's own origin) where
 * only the sandbox page can show it; null when a real chat would receive a link nobody can open.
 * `platform` is the chat the link goes to; without it (a scheduled push to groups of any platform) it counts as a
 * real chat whenever a real platform is configured.
 */
export function linkBase(config: Partial<LinkConfig>, platform?: Platform): string | null {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  if (platform) return platform === 'SANDBOX' ? '' : null;
  return anyPlatformConfigured(config) ? null : '';
}

/** The line a reply carries instead of a link when the service has no public address. */
export const NO_PUBLIC_ADDRESS = '本服务还没有设置对外网址（PUBLIC_BASE_URL），所以暂时给不出能在手机上打开的链接；请联系系统管理员设置后再试。';
