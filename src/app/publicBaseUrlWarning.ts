import { anyPlatformConfigured, type Config } from '../core/config/loadConfig.ts';

type Settings = Pick<
  Config,
  'PUBLIC_BASE_URL' | 'LARK_APP_ID' | 'ONEBOT_API_URL' | 'ONEBOT_SECRET' | 'ONEBOT_ALLOWED_ADDRESS' | 'WECHATY_PUPPET' | 'DINGTALK_CLIENT_ID'
>;

/**
 * The one start-up line when a real platform is on without PUBLIC_BASE_URL: the links the bot sends
 * (exported workbooks, boards) are then bare paths that no Feishu, WeChat, QQ or DingTalk client can open.
 */
export function publicBaseUrlWarning(config: Settings): string | null {
  if (config.PUBLIC_BASE_URL) return null;
  if (!anyPlatformConfigured(config) && !config.DINGTALK_CLIENT_ID) return null;
  return '已开启聊天平台，但没有配置 PUBLIC_BASE_URL：导出表格和积分榜的链接只是 /files/…、/board/… 这样的相对地址，在聊天里打不开。请设为本服务对外的地址，如 PUBLIC_BASE_URL=https://zhibu.example.cn';
}
