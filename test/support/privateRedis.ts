import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../src/core/net/freePort.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export { freePort };

export interface PrivateRedis {
  port: number;
  url: string;
  /** Stops the server (SIGKILL, like a crash) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port (with its data, when persistent). */
  restart(): Promise<void>;
  /** Kills it and removes its data folder. */
  remove(): Promise<void>;
}

export interface PrivateRedisOptions {
  /**
   * Keep an append-only file fsynced on every write, as production Redis should (compose.yaml does), so what
   * was acknowledged survives a crash and restart.
   */
  persistent?: boolean;
}

/** A redis-server of this test's own, so the test can stop it without disturbing anybody else. */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-redis-'));
  const persistence = options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let child: ChildProcess | null = null;
  const start = async () => {
    // A second server on the same port would fail to bind and leave the first one running unreferenced.
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch {
          probe.disconnect();
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`redis-server on port ${port} did not answer`);
    } finally {
      probe.disconnect();
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  // A test file whose worker ends before its afterAll ran (a hook timing out, a crash) must not leave the server behind.
  const killOnExit = () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  await start();
  return {
    port,
    url,
    kill,
    restart: start,
    async remove() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
