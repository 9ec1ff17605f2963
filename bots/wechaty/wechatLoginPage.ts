import QRCode from 'qrcode';
import type { WechatLogin } from './WechatLoginState.ts';

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const statusText: Record<WechatLogin['status'], string> = {
  starting: '微信机器人正在启动，请稍候……',
  scan: '请用作为机器人的微信号扫描下面的二维码登录。',
  logged_in: '微信机器人已登录。',
  logged_out: '微信机器人已退出登录，等待重新登录（待发消息会保留，登录后继续发送）。',
  error: '微信机器人出错，请查看服务日志。',
};

/** The operator's page: the login QR code while WeChat waits for a scan, otherwise the session's state. */
export async function wechatLoginPage(state: WechatLogin | null): Promise<string> {
  const current = state ?? { status: 'starting' as const, at: new Date().toISOString() };
  const qr = current.status === 'scan' && current.qrcode ? await QRCode.toString(current.qrcode, { type: 'svg', margin: 2, width: 280 }) : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>支部助手 · 微信登录</title>
<style>
  body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; max-width: 480px; margin: 40px auto; padding: 0 16px; color: #222; }
  h1 { font-size: 20px; color: #c8161d; }
  .qr { width: 280px; height: 280px; margin: 16px 0; }
  .meta { color: #888; font-size: 13px; }
</style>
</head>
<body>
<h1>支部助手 · 微信登录</h1>
<p id="status" data-status="${current.status}">${esc(statusText[current.status])}</p>
${current.userName ? `<p>当前账号：${esc(current.userName)}</p>` : ''}
${qr ? `<div class="qr">${qr}</div><p class="meta">二维码会过期，本页每 5 秒自动刷新。</p>` : ''}
${current.detail ? `<p class="meta">${esc(current.detail)}</p>` : ''}
<p class="meta">更新时间：${esc(current.at)}</p>
</body>
</html>`;
}
