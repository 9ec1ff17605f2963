import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log/logger.ts';
import { loadConfig } from '../../../src/core/config/loadConfig.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('info', stream), output: () => lines.join('') };
}

describe('the logger', () => {
  it('never writes secrets, credentials or phones, wherever they sit in the logged object', () => {
    const { log, output } = capture();
    const config = loadConfig({
      LARK_APP_ID: 'cli_demo',
      LARK_APP_SECRET: 'lark-secret-value',
      LARK_ENCRYPT_KEY: 'encrypt-key-value',
      ONEBOT_ACCESS_TOKEN: 'onebot-token-value',
      DATABASE_URL: 'postgresql://user:db-password@db/zhibu',
    });
    log.info({ config }, 'configuration');
    log.info({ appSecret: 'top-level-secret', member: { phone: '13812345678', name: '张三' } }, 'member');
    log.info({ request: { headers: { authorization: 'Bearer bearer-value', 'x-lark-signature': 'sig-value' } } }, 'request');
    log.info({ headers: { 'x-signature': 'sha1=hmac-value' } }, 'onebot');
    const text = output();
    for (const secret of [
      'lark-secret-value',
      'encrypt-key-value',
      'onebot-token-value',
      'db-password',
      'top-level-secret',
      '13812345678',
      'bearer-value',
      'sig-value',
      'hmac-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('cli_demo');
    expect(text).toContain('张三');
  });
});
