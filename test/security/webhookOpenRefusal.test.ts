import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config/loadConfig.ts';
import { checkWebhookExposure } from '../../src/app/checkWebhookExposure.ts';
import { startTestService } from '../support/startTestService.ts';
import { createLogger } from '../../src/core/log/logger.ts';

/**
 * Attack (issue 11, found 7): Feishu with only app id and secret took unsigned events without a word, and OneBot
 * without a secret trusted whatever reached it. Now the service refuses to start open, unless told to.
 */
const root = resolve(import.meta.dirname, '../..');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: '/nonexistent-not-used', REDIS_URL: 'redis://127.0.0.1:1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('webhooks refuse to run open', () => {
  it('npm start with Feishu on and no Encrypt Key / Verification Token: one Chinese line, exit 1', async () => {
    const { code, stdout, stderr } = await runMain({ LARK_APP_ID: 'cli_open', LARK_APP_SECRET: 'secret' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('拒绝启动');
    expect(lines[0]).toContain('LARK_ENCRYPT_KEY');
    expect(lines[0]).toContain('ALLOW_INSECURE_WEBHOOKS=1');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('npm start with QQ on, no ONEBOT_SECRET and a public HOST: one Chinese line, exit 1', async () => {
    const { code, stderr } = await runMain({ ONEBOT_API_URL: 'http://127.0.0.1:5700', HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('ONEBOT_SECRET');
    expect(stderr).toContain('HOST=0.0.0.0');
  }, 60_000);

  it('decides from the configuration: signed Feishu, OneBot with a secret or on loopback are fine; only one key is not', () => {
    const open = (env: Record<string, string>) => checkWebhookExposure(loadConfig(env)).problems.length;
    expect(open({ LARK_APP_ID: 'a', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k', LARK_VERIFICATION_TOKEN: 't' })).toBe(0);
    expect(open({ LARK_APP_ID: 'a', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k' })).toBe(1);
    expect(open({ LARK_APP_ID: 'a', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't' })).toBe(1);
    // The long connection needs no webhook (none is mounted without keys).
    expect(open({ LARK_APP_ID: 'a', LARK_APP_SECRET: 's', LARK_MODE: 'ws' })).toBe(0);
    expect(open({ ONEBOT_API_URL: 'http://127.0.0.1:5700', ONEBOT_SECRET: 'x' })).toBe(0);
    expect(open({ ONEBOT_API_URL: 'http://127.0.0.1:5700', HOST: '127.0.0.1' })).toBe(0);
    expect(open({ ONEBOT_ALLOWED_ADDRESS: '10.0.0.5' })).toBe(1);
  });

  it('with ALLOW_INSECURE_WEBHOOKS=1 it starts, and logs a warning naming what is open', async () => {
    const lines: string[] = [];
    const service = await startTestService({
      town: 'real',
      env: { LARK_APP_ID: 'cli_open', LARK_APP_SECRET: 'secret', LARK_DOMAIN: 'http://127.0.0.1:1', ALLOW_INSECURE_WEBHOOKS: '1' },
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
    });
    try {
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.msg.startsWith('ALLOW_INSECURE_WEBHOOKS=1'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.level).toBe(40);
      expect(warnings[0]!.msg).toContain('LARK_ENCRYPT_KEY');
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  }, 120_000);
});
