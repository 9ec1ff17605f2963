import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { DateTime } from 'luxon';
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
const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-soak-'));
const service = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url!, QUEUE_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  const ok = await fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (i > 300) throw new Error('service did not start');
  await new Promise((r) => setTimeout(r, 200));
}

function procMb(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${service.pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
}
const rssMb = () => procMb('VmRSS');

// A mix that exercises the database like a working day does: reads (/我的, /积分, /进度), the help text, and
// meeting records written by the secretary (each on its own day, so most are saved; repeats of a day ask whether
// to replace, which writes a pending question instead).
const zone = 'Asia/Shanghai';
function recordText(i: number): string {
  const day = DateTime.now()
    .setZone(zone)
    .minus({ days: 1 + (i % 300) });
  return `/会议记录\n类型：支部委员会\n日期：${day.month}月${day.day}日\n主题：研究本月工作（${i}）\n参加人员：李春生 陈秀英 王小燕 赵大勇`;
}
const mix: { user: string; text: (i: number) => string }[] = [
  { user: 'sb-dw-member', text: () => '/帮助' },
  { user: 'sb-dw-member', text: () => '/我的' },
  { user: 'sb-dw-member', text: () => '/积分' },
  { user: 'sb-dw-liaison', text: () => '/进度' },
  { user: 'sb-dw-secretary', text: recordText },
  { user: 'sb-dw-secretary', text: () => '/积分 @赵大勇' },
  { user: 'sb-dw-committee', text: () => '/会议记录' },
  { user: 'sb-admin', text: () => '/帮助 绑定' },
];
const total = minutes * perMinute;
const intervalMs = 60_000 / perMinute;
const samples: { atSeconds: number; rssMb: number }[] = [];
const latencies: number[] = [];
let sent = 0;
let failed = 0;
let unanswered = 0;
let inFlight = 0;
const started = Date.now();
const sampler = setInterval(() => samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: rssMb() }), 10_000);
await new Promise<void>((done) => {
  const tick = setInterval(
    () => {
      // Keep the pace against the wall clock: a late timer sends what is due rather than drifting.
      const due = Math.min(total, Math.floor((Date.now() - started) / intervalMs) + 1);
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
      while (sent < due) {
        const i = sent++;
        const { user, text } = mix[i % mix.length]!;
        inFlight++;
        const t0 = performance.now();
        fetch(`${base}/sandbox/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ group: 'sb-group-dongwan', user, text: text(i), messageId: `soak-${i}` }),
        })
          .then(async (r) => {
            const body = (await r.json().catch(() => ({}))) as { replies?: unknown[] };
            if (!r.ok) failed++;
            else if (!body.replies?.length) unanswered++;
            else latencies.push(performance.now() - t0);
          })
          .catch(() => failed++)
          .finally(() => inFlight--);
      }
    },
    Math.max(5, Math.floor(intervalMs)),
  );
});
clearInterval(sampler);

const client = new pg.Client({ connectionString: database.url });
await client.connect();
const count = async (sql: string) => Number((await client.query(sql)).rows[0].count);
// A backlog is not a loss: give the workers up to two minutes to drain before counting.
const drainDeadline = Date.now() + 120_000;
let processed: number;
let answered: number;
let notSent: number;
do {
  processed = await count(`SELECT count(*) FROM "InboundEvent" WHERE "eventId" LIKE 'soak-%' AND "processedAt" IS NOT NULL`);
  // Every message got at least its first reply delivered (delivery ids are <platform>:<event id>:<n>).
  answered = await count(`SELECT count(DISTINCT split_part(id, ':', 2)) FROM "OutboundDelivery" WHERE status = 'SENT' AND id LIKE 'SANDBOX:soak-%'`);
  notSent = await count(`SELECT count(*) FROM "OutboundDelivery" WHERE status <> 'SENT'`);
  if (processed >= sent && answered >= sent) break;
  await new Promise((r) => setTimeout(r, 1000));
} while (Date.now() < drainDeadline);
const records = await count(`SELECT count(*) FROM "Activity" WHERE topic LIKE '研究本月工作%'`);
await client.end();
const peakRssMb = procMb('VmHWM');
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
await database.drop();
await deletePrefix(prefix);
rmSync(dataDir, { recursive: true, force: true });

const firstHalf = samples.slice(0, Math.ceil(samples.length / 2)).map((s) => s.rssMb);
const secondHalf = samples.slice(Math.ceil(samples.length / 2)).map((s) => s.rssMb);
const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
// Memory trend after the first minute (start-up and warm-up excluded): least-squares slope in MB per minute.
const steady = samples.filter((x) => x.atSeconds >= 60);
const slope = (() => {
  if (steady.length < 3) return null;
  const mx = steady.reduce((a, x) => a + x.atSeconds / 60, 0) / steady.length;
  const my = steady.reduce((a, x) => a + x.rssMb, 0) / steady.length;
  const num = steady.reduce((a, x) => a + (x.atSeconds / 60 - mx) * (x.rssMb - my), 0);
  const den = steady.reduce((a, x) => a + (x.atSeconds / 60 - mx) ** 2, 0);
  return den ? Math.round((num / den) * 10) / 10 : null;
})();
const sortedLatency = [...latencies].sort((a, b) => a - b);
const pct = (q: number) => Math.round(sortedLatency[Math.min(sortedLatency.length - 1, Math.floor(q * sortedLatency.length))] ?? 0);
const report = {
  at: new Date().toISOString(),
  minutes,
  perMinute,
  sent,
  /** Requests answered with an error or not at all (the sandbox waits up to 30 s); their events may still be processed. */
  failed,
  /** Requests answered 200 but with no reply in time. */
  unanswered,
  processed,
  answered,
  /** Deliveries (replies and notifications) not marked SENT at the end. */
  notSent,
  lost: sent - Math.min(processed, answered),
  meetingRecordsSaved: records,
  roundTripMedianMs: pct(0.5),
  roundTripP99Ms: pct(0.99),
  peakRssMb,
  rssMbFirstHalfAvg: avg(firstHalf),
  rssMbSecondHalfAvg: avg(secondHalf),
  rssGrowthRatio: avg(firstHalf) ? Math.round((avg(secondHalf) / avg(firstHalf)) * 100) / 100 : null,
  rssSlopeMbPerMinuteAfterFirstMinute: slope,
  samples,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/soak-latest.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify({ ...report, samples: `${samples.length} samples` }, null, 2));
process.exit(report.lost === 0 && report.notSent === 0 ? 0 : 1);
