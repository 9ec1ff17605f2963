import { log as wechatyLog } from 'wechaty';
import type { Logger } from 'pino';

/**
 * Sends wechaty's own log lines (brolog, global) into pino, at a level derived from ours: wechaty's `info` is
 * chatty, so it shows only from our `debug` on.
 */
export function routeWechatyLog(log: Logger): void {
  const level = log.level;
  wechatyLog.level(
    level === 'silent' ? 'silent' : level === 'trace' ? 'verbose' : level === 'debug' ? 'info' : level === 'info' || level === 'warn' ? 'warn' : 'error',
  );
  const child = log.child({ source: 'wechaty' });
  wechatyLog.textPrinter = (title, text) => {
    if (title === 'ERR') child.error(text);
    else if (title === 'WARN') child.warn(text);
    else child.debug(text);
  };
}
