import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isLoopbackAddress, remoteAddress } from '../shared/remoteAddress.ts';

function sameSecret(expected: string, got: string | undefined): boolean {
  if (!got) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(got).digest();
  return timingSafeEqual(a, b);
}

/**
 * The WeChat login page and its status carry the QR code that logs the bot's account in. With a token they
 * need `?token=` (or `Authorization: Bearer`); without one they answer only requests from this machine.
 */
export function wechatLoginGuard(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.query('token') ?? c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const allowed = token ? sameSecret(token, given) : isLoopbackAddress(remoteAddress(c));
    if (!allowed) {
      const why = token ? '请在地址后加上 ?token=<WECHAT_LOGIN_TOKEN>' : '只能在运行服务的机器上打开（或设置 WECHAT_LOGIN_TOKEN 后用 ?token= 打开）';
      return c.text(`无权查看微信登录二维码：${why}。`, 403);
    }
    await next();
    return undefined;
  };
}
