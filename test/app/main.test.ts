import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/privateRedis.ts';
import { createTestDatabase } from '../support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/testRedis.ts';

const root = resolve(import.meta.dirname, '../..');

/** Runs `src/app/main.ts` as `npm start` does and collects what it prints before it exits. */
function runMain(
  env: Record<string, string>,
  onStart?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
    onStart?.(child);
  });
}

describe('npm start when something it needs is missing', () => {
  it('prints one clear Chinese line, no stack trace, and exits 1 when Redis is not running', async () => {
    const port = await freePort();
    const { code, stdout, stderr } = await runMain({ REDIS_URL: `redis://127.0.0.1:${port}`, DATA_DIR: '/nonexistent-not-used' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`无法连接 Redis：redis://127.0.0.1:${port}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the bad variable and exits 1 on a configuration error', async () => {
    const { code, stderr } = await runMain({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toContain('配置有误');
    expect(stderr).toContain('PORT:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm start and SIGTERM', () => {
  it('serves, then on SIGTERM stops taking requests, finishes and exits 0', async () => {
    const database = await createTestDatabase('postgres');
    const prefix = uniquePrefix('main');
    const port = await freePort();
    try {
      let healthy = false;
      const result = await runMain(
        {
          DATABASE_URL: database.url!,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: '/tmp',
          LOG_LEVEL: 'info',
        },
        (child) => {
          void (async () => {
            for (let i = 0; i < 600 && child.exitCode === null; i++) {
              const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
              if (response?.ok) {
                healthy = true;
                break;
              }
              await new Promise((r) => setTimeout(r, 200));
            }
            child.kill('SIGTERM');
          })();
        },
      );
      expect(healthy).toBe(true);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('web server listening');
      expect(result.stdout).toContain('shutting down');
    } finally {
      await database.drop();
      await deletePrefix(prefix);
    }
  });
});
