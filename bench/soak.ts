import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/support/testDatabase.ts';
import { deletePrefix, uniquePrefix } from '../test/support/testRedis.ts';
import { freePort } from '../test/support/privateRedis.ts';

/**
 * Soak: SOAK_PER_MINUTE commands a minute (default 1000) for SOAK_MINUTES (default 10) against the service in
 * its own process on loopback. Samples the service's resident memory every 10 s and checks that every
 * command was processed and answered once. Figures go to bench/results/soak-latest.json.
 */
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const perMinute = Number(process.env.SOAK_PER_MINUTE ?? 1000);
const root = resolve(import.meta.dirname, '..');

const database = await createTestDatabase('postgres');
const prefix = uniquePrefix('soak');
const port = await freePort();
const service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url!, QUEUE_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'zhibu-soak-')), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
  if (i > 300) throw new Error('service did not start');
  await new Promise((r) => setTimeout(r, 200));
}

function rssMb(): number {
  const status = readFileSync(`/proc/${service.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const commands = ['/帮助', '/我的', '/帮助 绑定'];
const personas = ['sb-dw-secretary', 'sb-dw-member', 'sb-dw-liaison', 'sb-admin'];
const total = minutes * perMinute;
const intervalMs = 60_000 / perMinute;
const samples: { atSeconds: number; rssMb: number }[] = [];
let sent = 0;
let failed = 0;
let inFlight = 0;
const started = Date.now();
const sampler = setInterval(() => samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: rssMb() }), 10_000);
await new Promise<void>((done) => {
  const tick = setInterval(() => {
    if (sent >= total) {
      clearInterval(tick);
      const wait = setInterval(() => {
        if (inFlight === 0) {
          clearInterval(wait);
          done();
        }
      }, 100);
      return;
    }
    const i = sent++;
    inFlight++;
    fetch(`${base}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group: 'sb-group-dongwan', user: personas[i % personas.length], text: commands[i % commands.length], messageId: `soak-${i}` }),
    })
      .then((r) => {
        if (!r.ok) failed++;
        return r.arrayBuffer();
      })
      .catch(() => failed++)
      .finally(() => inFlight--);
  }, intervalMs);
});
clearInterval(sampler);

const client = new pg.Client({ connectionString: database.url });
await client.connect();
const count = async (sql: string) => Number((await client.query(sql)).rows[0].count);
// A backlog is not a loss: give the workers up to two minutes to drain before counting.
const drainDeadline = Date.now() + 120_000;
let processed = 0;
let delivered = 0;
do {
  processed = await count('SELECT count(*) FROM "InboundEvent" WHERE "processedAt" IS NOT NULL');
  delivered = await count(`SELECT count(*) FROM "OutboundDelivery" WHERE status = 'SENT'`);
  if (processed >= sent && delivered >= sent) break;
  await new Promise((r) => setTimeout(r, 1000));
} while (Date.now() < drainDeadline);
await client.end();
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
await database.drop();
await deletePrefix(prefix);

const firstHalf = samples.slice(0, Math.ceil(samples.length / 2)).map((s) => s.rssMb);
const secondHalf = samples.slice(Math.ceil(samples.length / 2)).map((s) => s.rssMb);
const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
const report = {
  at: new Date().toISOString(),
  minutes,
  perMinute,
  sent,
  /** Requests that got no reply in time (the sandbox waits up to 30 s); their events may still be processed. */
  failed,
  processed,
  delivered,
  lost: sent - processed,
  rssMbFirstHalfAvg: avg(firstHalf),
  rssMbSecondHalfAvg: avg(secondHalf),
  rssGrowthRatio: avg(firstHalf) ? Math.round((avg(secondHalf) / avg(firstHalf)) * 100) / 100 : null,
  samples,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/soak-latest.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify({ ...report, samples: `${samples.length} samples` }, null, 2));
process.exit(report.lost === 0 ? 0 : 1);
