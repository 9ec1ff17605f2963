import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { checkRedis, RedisUnavailableError } from '../core/redis/createRedis.ts';
import { freePort } from '../core/net/freePort.ts';

export interface EmbeddedRedis {
  url: string;
  /** Stops the server (SIGTERM: Redis writes its append-only file out first) and waits until it is gone. */
  stop(): Promise<void>;
}

/** The folder of the private server's data and append-only file, inside DATA_DIR. */
export const embeddedRedisDir = (dataDir: string) => resolve(dataDir, 'redis');

/** Where `redis-server` is on this PATH, or null. */
export function findRedisServer(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export const NO_REDIS_SERVER =
  '没有设置 REDIS_URL，127.0.0.1:6379 上也没有 Redis，本机也找不到 redis-server。请安装 Redis（Debian/Ubuntu：sudo apt install redis-server；macOS：brew install redis）后重新 npm start，或用 REDIS_URL 指向可用的 Redis。';

/**
 * A server left running by a process that was killed (SIGKILL skips our stop) would share the data folder. It is
 * found by the port it was started on, and asked to shut down only if it is ours: its data folder is this one.
 * (Never by a pid: after a reboot that number may belong to any process.)
 */
async function stopLeftover(portFile: string, dir: string): Promise<void> {
  if (!existsSync(portFile)) return;
  const port = Number(readFileSync(portFile, 'utf8').trim());
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return;
  const leftover = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  leftover.on('error', () => undefined);
  try {
    await leftover.connect();
    const [, leftoverDir] = (await leftover.config('GET', 'dir')) as [string, string];
    if (leftoverDir !== dir) return;
    // SHUTDOWN writes the append-only file out; the connection closes under it.
    await leftover.call('SHUTDOWN').catch(() => undefined);
  } catch {
    // Nothing answers there, or it is not a Redis: nothing of ours is running.
  } finally {
    leftover.disconnect();
  }
}

/**
 * Starts a private redis-server for `npm start` on a machine without one, as PGlite stands in for PostgreSQL:
 * loopback only, on a free port, its data and append-only file (fsynced every second) under DATA_DIR/redis.
 */
export async function startEmbeddedRedis(options: { dataDir: string; log: Logger; path?: string }): Promise<EmbeddedRedis> {
  const binary = findRedisServer(options.path);
  if (!binary) throw new RedisUnavailableError(NO_REDIS_SERVER);
  const dir = embeddedRedisDir(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const pidFile = join(dir, 'redis.pid');
  const portFile = join(dir, 'redis.port');
  await stopLeftover(portFile, dir);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--pidfile',
      pidFile,
      '--daemonize',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // A crash of this process must not leave the server behind.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null)
      throw new RedisUnavailableError(`内置的 redis-server 没能启动（退出码 ${child.exitCode}）：${stderr.trim().split('\n').pop() ?? ''}`);
    try {
      await checkRedis(url, 500);
      break;
    } catch (error) {
      if (attempt >= 50) {
        await stop();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  writeFileSync(portFile, String(port), { mode: 0o600 });
  options.log.info({ url, dir, pid: child.pid }, 'no Redis at REDIS_URL or 127.0.0.1:6379: started a private redis-server for this process (stopped with it)');
  return { url, stop };
}
