import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarise, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { createTestDatabase } from '../../test/support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/testRedis.ts';
import { freePort } from '../../test/support/privateRedis.ts';

const MESSAGES = 400;
const root = resolve(import.meta.dirname, '../..');

/** Peak resident memory of a process, from /proc (Linux). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

/**
 * The whole message path as a user feels it: the service runs in its own process (as `npm start`, web and
 * workers together) on the real PostgreSQL and Redis; each sandbox message is posted and timed until its
 * reply has come back through the inbound queue, the worker and the outbound queue.
 */
const bench: BenchCase = {
  name: 'sandboxRoundTrip',
  async run(): Promise<BenchFigure[]> {
    const database = await createTestDatabase('postgres');
    const prefix = uniquePrefix('bench');
    const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-bench-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url!,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // The bench is one client sending hundreds of messages a minute: the sandbox's per-address limit would refuse it.
        SANDBOX_RATE_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      const startedAt = performance.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
        const ok = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (performance.now() - startedAt > 120_000) throw new Error('service did not become healthy in 2 minutes');
        await new Promise((r) => setTimeout(r, 200));
      }
      const startupMs = performance.now() - startedAt;

      const say = async (user: string, text: string) => {
        const t0 = performance.now();
        const response = await fetch(`${url}/sandbox/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ group: 'sb-group-dongwan', user, text }),
        });
        const body = (await response.json()) as { replies?: unknown[] };
        if (!response.ok || !body.replies?.length) throw new Error(`no reply to ${text}: ${response.status} ${JSON.stringify(body)}`);
        return performance.now() - t0;
      };
      for (let i = 0; i < 10; i++) await say('sb-dw-member', '/帮助'); // warm-up, not counted

      const help: number[] = [];
      const me: number[] = [];
      for (let i = 0; i < MESSAGES / 2; i++) {
        help.push(await say('sb-dw-secretary', '/帮助'));
        me.push(await say('sb-dw-member', '/我的'));
      }

      // Eight people typing at once.
      const concurrent: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = 0; i < 25; i++) concurrent.push(await say(worker % 2 ? 'sb-dw-member' : 'sb-dw-secretary', worker % 2 ? '/我的' : '/帮助'));
        }),
      );
      const concurrentSeconds = (performance.now() - t0) / 1000;

      return [
        { name: 'service start-up (fresh database, migrate, demo)', value: Math.round(startupMs), unit: 'ms' },
        ...summarise('round trip, one at a time (/帮助 and /我的)', [...help, ...me]),
        ...summarise('round trip /帮助', help),
        ...summarise('round trip /我的', me),
        ...summarise('round trip, 8 at once', concurrent),
        { name: 'throughput, 8 at once', value: Math.round(concurrent.length / concurrentSeconds), unit: 'messages/s' },
        { name: 'service process peak RSS', value: peakRssMb(child.pid!), unit: 'MB' },
      ];
    } finally {
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      }
      await database.drop();
      await deletePrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
