import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { round, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { createTestDatabase } from '../../test/support/testDatabase.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/testRedis.ts';
import { freePort } from '../../test/support/privateRedis.ts';

const root = resolve(import.meta.dirname, '../..');
/** The short soak: this many sandbox commands, eight at a time, against the compiled service on PostgreSQL. */
const SOAK_MESSAGES = Number(process.env.PROCESS_WEIGHT_SOAK_MESSAGES ?? 1200);

/**
 * Module groups in the order a process meets them, each imported from the compiled build in a fresh process
 * with `--expose-gc`: the figure is resident and heap memory after the group (and everything before it).
 * The first list is what `npm start` loads; the second is loaded only when used (a platform configured, an
 * export, a picture), each measured on top of the whole service.
 */
const startGroups: [string, string[]][] = [
  ['config, logger, zod', ['src/core/config/loadConfig.js', 'src/core/log/logger.js']],
  ['Prisma client (generated)', ['src/core/generated/prisma/client.js']],
  ['PostgreSQL driver (pg, adapter-pg)', ['pg', '@prisma/adapter-pg']],
  ['queues (bullmq, ioredis)', ['jobs/queues.js', 'jobs/startWorkers.js']],
  ['web (hono, node-server, routes)', ['src/app/server/createApp.js']],
  ['whole service (startService, commands, sandbox)', ['src/app/startService.js']],
];
const onDemandGroups: [string, string[]][] = [
  ['embedded database (PGlite, adapter)', ['@electric-sql/pglite', 'pglite-prisma-adapter']],
  ['exceljs (import, export)', ['exceljs']],
  ['pictures (canvas, ECharts, pdfkit, fonts)', ['cards/render/renderPicture.js', 'cards/render/renderPng.js', 'pdfkit']],
  ['WeChat (wechaty, adapter)', ['bots/wechaty/WechatyAdapter.js']],
  ['Feishu (SDK, adapter)', ['bots/lark/LarkAdapter.js']],
  ['DingTalk (dingtalk-stream, adapter)', ['bots/dingtalk/DingTalkAdapter.js']],
];

function importProbe(dist: string, groups: [string, string[]][], base: string[]): string {
  const spec = (m: string) => (m.endsWith('.js') ? `file://${join(dist, m)}` : m);
  return `
const mb = (n) => Math.round(n / 1048576);
const measure = () => { global.gc(); global.gc(); const m = process.memoryUsage(); return { rss: mb(m.rss), heap: mb(m.heapUsed) }; };
const out = [{ group: 'node itself', ...measure() }];
for (const m of ${JSON.stringify(base.map(spec))}) await import(m);
if (${base.length} > 0) out.push({ group: 'base', ...measure() });
for (const [group, mods] of ${JSON.stringify(groups.map(([g, ms]) => [g, ms.map(spec)]))}) {
  for (const m of mods) await import(m);
  out.push({ group, ...measure() });
}
console.log(JSON.stringify(out));
process.exit(0);`;
}

async function probe(dist: string, groups: [string, string[]][], base: string[] = []): Promise<{ group: string; rss: number; heap: number }[]> {
  // From the project root, so bare package names resolve to its node_modules.
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--input-type=module', '-e', importProbe(dist, groups, base)], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { group: string; rss: number; heap: number }[];
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? Number.NaN) / 1024);
}

interface Running {
  child: ChildProcess;
  url: string;
  startupMs: number;
  output: () => string;
}

/** The runtime settings the production image gives node (its `ENV NODE_OPTIONS=…` and `ENV MALLOC_ARENA_MAX=…` lines). */
function imageRuntimeEnv(): Record<string, string> {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const out: Record<string, string> = {};
  for (const name of ['NODE_OPTIONS', 'MALLOC_ARENA_MAX']) {
    const match = new RegExp(`^ENV ${name}=(?:"([^"]*)"|(\\S+))$`, 'm').exec(dockerfile);
    if (!match) throw new Error(`the Dockerfile has no single-line ENV ${name}=…`);
    out[name] = match[1] ?? match[2]!;
  }
  return out;
}
const imageEnv = imageRuntimeEnv();

async function startService(command: string[], env: Record<string, string>, imageSettings = true): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'info',
      SCHEDULES: '0',
      SANDBOX_RATE_PER_MINUTE: '1000000',
      // The compiled service runs as the image runs it; under tsx (the developer's `npm start`) with node's defaults.
      ...(imageSettings && command[0]!.endsWith('.js') ? imageEnv : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${output.slice(-2000)}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (performance.now() - started > 180_000) throw new Error('service did not become healthy in 3 minutes');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, startupMs: performance.now() - started, output: () => output };
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((done) => running.child.once('exit', done));
  running.child.kill('SIGTERM');
  await exited;
}

async function say(url: string, user: string, text: string): Promise<void> {
  const response = await fetch(`${url}/sandbox/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ group: 'sb-group-dongwan', user, text }),
  });
  const body = (await response.json()) as { replies?: unknown[] };
  if (!response.ok || !body.replies?.length) throw new Error(`no reply to ${text}: ${response.status} ${JSON.stringify(body)}`);
}

/** Idle RSS: settled a few seconds after start-up, nothing asked. */
async function idleRss(running: Running): Promise<number> {
  await new Promise((r) => setTimeout(r, 5000));
  return rssMb(running.child.pid!, 'VmRSS');
}

/** A short soak: the mix of the sandbox round trip, eight at a time, RSS sampled every half second. */
async function soak(running: Running): Promise<{ sent: number; throughput: number; medianRss: number; peakRss: number }> {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(running.child.pid!, 'VmRSS')), 500);
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      while (sent < SOAK_MESSAGES) {
        sent++;
        await say(running.url, worker % 2 ? 'sb-dw-member' : 'sb-dw-secretary', ['/帮助', '/我的', '/积分', '/进度'][sent % 4]!);
      }
    }),
  );
  clearInterval(sampler);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    sent,
    throughput: round(sent / ((performance.now() - started) / 1000), 1),
    medianRss: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    peakRss: rssMb(running.child.pid!, 'VmHWM'),
  };
}

/**
 * Issue 13, "a light process" and "faster start": what each module group weighs, and the compiled service
 * (`node dist/src/app/main.js`, as the production image runs it) timed to a healthy /healthz on a fresh and on an
 * existing database, embedded (PGlite) and PostgreSQL, with its resident memory idle and under a short soak.
 */
const bench: BenchCase = {
  name: 'processWeight',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    const dist = join(root, 'node_modules', '.cache', `zhibu-bench-build-${process.pid}`);
    const dataDirs: string[] = [];
    const prefixes: string[] = [];
    const database = await createTestDatabase('postgres');
    try {
      const buildStarted = performance.now();
      await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist], {
        cwd: root,
      });
      figures.push({ name: 'npm run build (tsc)', value: Math.round(performance.now() - buildStarted), unit: 'ms' });

      const atStart = await probe(dist, startGroups);
      let previous = atStart[0]!;
      figures.push({ name: `RSS after: ${previous.group}`, value: previous.rss, unit: 'MB' });
      for (const step of atStart.slice(1)) {
        figures.push({ name: `RSS after: ${step.group}`, value: step.rss, unit: 'MB' });
        figures.push({ name: `  added by: ${step.group}`, value: step.rss - previous.rss, unit: 'MB' });
        figures.push({ name: `  heap after: ${step.group}`, value: step.heap, unit: 'MB' });
        previous = step;
      }
      // Each on-demand group on top of the whole service, in a process of its own, so they do not add up.
      for (const group of onDemandGroups) {
        const steps = await probe(dist, [group], ['src/app/startService.js']);
        const base = steps.find((s) => s.group === 'base')!;
        const after = steps.at(-1)!;
        figures.push({ name: `only when used, adds: ${group[0]}`, value: after.rss - base.rss, unit: 'MB' });
      }

      const compiled = [join(dist, 'src/app/main.js')];
      const tsx = ['--import', 'tsx', 'src/app/main.ts'];

      // Embedded database, demo town and this year's history: as `npm start` on a laptop, compiled.
      const pgliteDir = mkdtempSync(join(tmpdir(), 'zhibu-weight-'));
      dataDirs.push(pgliteDir);
      const pglitePrefix = uniquePrefix('weight');
      prefixes.push(pglitePrefix);
      const embeddedEnv = { DATA_DIR: pgliteDir, QUEUE_PREFIX: pglitePrefix };
      let running = await startService(compiled, embeddedEnv);
      figures.push({ name: 'start-up, embedded, fresh database (migrate, demo, history)', value: Math.round(running.startupMs), unit: 'ms' });
      await stop(running);
      running = await startService(compiled, embeddedEnv);
      figures.push({ name: 'start-up, embedded, existing database', value: Math.round(running.startupMs), unit: 'ms' });
      figures.push({
        name: 'demo history loaded again on the existing database (0 = no)',
        value: running.output().includes('demo history of this year loaded') ? 1 : 0,
        unit: 'count',
      });
      figures.push({ name: 'idle RSS, embedded database', value: await idleRss(running), unit: 'MB' });
      await stop(running);

      // PostgreSQL, as the production image runs against it.
      const pgDir = mkdtempSync(join(tmpdir(), 'zhibu-weight-'));
      dataDirs.push(pgDir);
      const pgPrefix = uniquePrefix('weight');
      prefixes.push(pgPrefix);
      const pgEnv = { DATA_DIR: pgDir, QUEUE_PREFIX: pgPrefix, DATABASE_URL: database.url! };
      running = await startService(compiled, pgEnv);
      figures.push({ name: 'start-up, PostgreSQL, fresh database (migrate, demo, history)', value: Math.round(running.startupMs), unit: 'ms' });
      await stop(running);
      running = await startService(tsx, pgEnv);
      figures.push({ name: 'start-up, PostgreSQL, existing database, under tsx', value: Math.round(running.startupMs), unit: 'ms' });
      figures.push({ name: 'idle RSS, PostgreSQL, under tsx', value: await idleRss(running), unit: 'MB' });
      await stop(running);
      running = await startService(compiled, pgEnv);
      figures.push({ name: 'start-up, PostgreSQL, existing database', value: Math.round(running.startupMs), unit: 'ms' });
      figures.push({
        name: 'demo history loaded again on the existing database (0 = no), PostgreSQL',
        value: running.output().includes('demo history of this year loaded') ? 1 : 0,
        unit: 'count',
      });
      figures.push({ name: 'idle RSS, PostgreSQL', value: await idleRss(running), unit: 'MB' });

      const soaked = await soak(running);
      figures.push({ name: 'soak messages (8 at once)', value: soaked.sent, unit: 'count' });
      figures.push({ name: 'soak throughput', value: soaked.throughput, unit: 'msg/s' });
      figures.push({ name: 'soak RSS median, PostgreSQL', value: soaked.medianRss, unit: 'MB' });
      figures.push({ name: 'service peak RSS (soak), PostgreSQL', value: soaked.peakRss, unit: 'MB' });
      await stop(running);

      // The same, with node's own defaults instead of the image's memory settings: what those settings cost in speed.
      running = await startService(compiled, pgEnv, false);
      figures.push({ name: 'idle RSS, PostgreSQL, node defaults', value: await idleRss(running), unit: 'MB' });
      const defaults = await soak(running);
      figures.push({ name: 'soak throughput, node defaults', value: defaults.throughput, unit: 'msg/s' });
      figures.push({ name: 'service peak RSS (soak), PostgreSQL, node defaults', value: defaults.peakRss, unit: 'MB' });
      figures.push({ name: 'soak throughput ratio image settings / node defaults', value: round(soaked.throughput / defaults.throughput, 2), unit: 'x' });
      await stop(running);
      return figures;
    } finally {
      rmSync(dist, { recursive: true, force: true });
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      for (const prefix of prefixes) await deletePrefix(prefix);
      await database.drop();
    }
  },
};

export default bench;
