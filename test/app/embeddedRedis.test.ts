import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../../src/app/startService.ts';
import { embeddedRedisDir, NO_REDIS_SERVER } from '../../src/app/embeddedRedis.ts';
import { RedisUnavailableError } from '../../src/core/redis/createRedis.ts';
import { freePort, startPrivateRedis } from '../support/privateRedis.ts';
import { until } from '../support/until.ts';
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from '../support/testRedis.ts';

/** `npm start` with REDIS_URL unset: the Redis on the default port if one answers, else a private redis-server. */
describe('Redis when REDIS_URL is unset', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-embedded-redis-'));
  const prefix = uniquePrefix();
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, QUEUE_PREFIX: prefix, DEMO: '0', SCHEDULES: '0' };
  const log = pino({ level: 'silent' });
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  afterAll(async () => {
    await deletePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a private redis-server under DATA_DIR when nothing answers on the default port, keeps its data, and stops it on close', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const first = await startService({ env, log, pgliteDir: 'memory://', defaultRedis: { url: nobody } });
    const url = first.config.REDIS_URL;
    expect(url).not.toBe(nobody);
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
    const pidFile = join(embeddedRedisDir(dataDir), 'redis.pid');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    const client = new Redis(url);
    await client.set('zhibu:embedded:probe', 'kept');
    client.disconnect();
    await first.close();
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(embeddedRedisDir(dataDir), 'appendonlydir'))).toBe(true);

    // The next start finds what was written before: the append-only file is the private server's memory.
    const second = await startService({ env, log, pgliteDir: 'memory://', defaultRedis: { url: nobody } });
    const again = new Redis(second.config.REDIS_URL);
    expect(await again.get('zhibu:embedded:probe')).toBe('kept');
    again.disconnect();
    await second.close();
  }, 120_000);

  it('uses the Redis on the default port when one answers, and starts nothing', async () => {
    const service = await startService({
      env: { ...env, DATA_DIR: join(dataDir, 'default') },
      log,
      pgliteDir: 'memory://',
      defaultRedis: { url: TEST_REDIS_URL },
    });
    expect(service.config.REDIS_URL).toBe(TEST_REDIS_URL);
    expect(existsSync(embeddedRedisDir(join(dataDir, 'default')))).toBe(false);
    await service.close();
  }, 120_000);

  it('shuts down a server of its own left running by a killed process (its data kept), and leaves any other alone', async () => {
    const own = join(dataDir, 'leftover');
    const dir = embeddedRedisDir(own);
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const stranger = await startPrivateRedis();
    // A redis-server of an earlier run of this DATA_DIR, and the port file it left; then one of somebody else.
    const leftover = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => leftover.once('exit', r));
    const client = new Redis(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    await until(async () => (await client.ping().catch(() => '')) === 'PONG', 10_000, 'the leftover server');
    await client.set('zhibu:embedded:leftover', 'written before the crash');
    client.disconnect();
    writeFileSync(join(dir, 'redis.port'), String(port));
    const service = await startService({
      env: { ...env, DATA_DIR: own },
      log,
      pgliteDir: 'memory://',
      defaultRedis: { url: `redis://127.0.0.1:${await freePort()}` },
    });
    try {
      await exited;
      const fresh = new Redis(service.config.REDIS_URL);
      expect(await fresh.get('zhibu:embedded:leftover')).toBe('written before the crash');
      fresh.disconnect();
      // A port file pointing at a Redis with another data folder: that server is not touched.
      writeFileSync(join(dir, 'redis.port'), String(stranger.port));
    } finally {
      await service.close();
    }
    const again = await startService({
      env: { ...env, DATA_DIR: own },
      log,
      pgliteDir: 'memory://',
      defaultRedis: { url: `redis://127.0.0.1:${await freePort()}` },
    });
    await again.close();
    const probe = new Redis(stranger.url);
    expect(await probe.ping()).toBe('PONG');
    probe.disconnect();
    await stranger.remove();
  }, 120_000);

  it('says in one line how to get Redis when none answers and no redis-server is installed', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const start = startService({ env, log, pgliteDir: 'memory://', defaultRedis: { url: nobody, path: join(dataDir, 'empty-bin') } });
    await expect(start).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(start).rejects.toThrow(NO_REDIS_SERVER);
    expect(NO_REDIS_SERVER).toContain('sudo apt install redis-server');
    expect(NO_REDIS_SERVER.split('\n')).toHaveLength(1);
  });

  it('a web or worker process alone never brings its own Redis: it must share one', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    await expect(
      startService({ env: { ...env, ROLE: 'web', DATABASE_URL: 'postgresql://127.0.0.1:5432/test' }, log, defaultRedis: { url: nobody } }),
    ).rejects.toBeInstanceOf(RedisUnavailableError);
  });
});
