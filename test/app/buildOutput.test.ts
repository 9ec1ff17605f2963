import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/privateRedis.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/testRedis.ts';

const root = resolve(import.meta.dirname, '../..');
// Inside the project, so the compiled modules find node_modules and prisma/migrations by walking up, as dist/ does.
const outDir = join(root, 'node_modules', '.cache', `zhibu-build-test-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-build-'));
const prefix = uniquePrefix('build');

afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  await deletePrefix(prefix);
});

describe('npm run build (what the production image runs)', () => {
  it('compiles, and the compiled main starts on the embedded database, answers /healthz and a sandbox /帮助, and stops on SIGTERM', async () => {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: root,
    });

    const port = await freePort();
    const child = spawn(process.execPath, [join(outDir, 'src/app/main.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: '1',
        DEMO_HISTORY: '0',
        SCHEDULES: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const url = `http://127.0.0.1:${port}`;
    try {
      let health: unknown = null;
      for (let i = 0; i < 600 && child.exitCode === null; i++) {
        const response = await fetch(`${url}/healthz`).catch(() => null);
        if (response?.ok) {
          health = await response.json();
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(health, `stdout:\n${stdout}\nstderr:\n${stderr}`).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });

      const response = await fetch(`${url}/sandbox/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ group: 'sb-group-dongwan', user: 'sb-dw-secretary', text: '/帮助' }),
      });
      const body = (await response.json()) as { replies?: { text: string }[] };
      expect(response.status).toBe(200);
      expect(body.replies?.[0]?.text).toContain('指令帮助');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('"database":"pglite"');
    expect(stdout).toContain('shutting down');
  }, 300_000);
});
