import type { Logger } from 'pino';

/** The SDK's logger interface, forwarded to pino (at most info: the SDK is chatty). */
export function larkSdkLogger(log: Logger) {
  // Only strings and error messages: the SDK passes request configs around, which carry the tenant token.
  const join = (msg: unknown[]) =>
    msg
      .map((m) => (typeof m === 'string' ? m : m && typeof m === 'object' && 'message' in m ? String((m as { message: unknown }).message) : ''))
      .filter(Boolean)
      .join(' ')
      .replace(/(Bearer\s+)[\w.-]+/gi, '$1***')
      .slice(0, 500);
  return {
    error: (...msg: unknown[]) => log.error({ sdk: 'lark' }, join(msg)),
    warn: (...msg: unknown[]) => log.warn({ sdk: 'lark' }, join(msg)),
    info: (...msg: unknown[]) => log.info({ sdk: 'lark' }, join(msg)),
    debug: (...msg: unknown[]) => log.debug({ sdk: 'lark' }, join(msg)),
    trace: (...msg: unknown[]) => log.trace({ sdk: 'lark' }, join(msg)),
  };
}
