import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase, BenchFigure } from './BenchCase.ts';

/**
 * Runs every bench/cases/*.ts (or those named on the command line), prints the figures and writes them to
 * bench/results/<time>.json and bench/results/latest.json so runs can be compared.
 */
const casesDir = resolve(import.meta.dirname, 'cases');
const wanted = process.argv.slice(2);
const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const results: Record<string, BenchFigure[]> = {};
const failures: Record<string, string> = {};
/** No case may hold the run up for ever (the whole run should stay well under 15 minutes). */
const CASE_TIMEOUT_SECONDS = Number(process.env.BENCH_CASE_TIMEOUT_SECONDS ?? 420);
const known: string[] = [];

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
for (const file of files) {
  const mod = (await import(pathToFileURL(join(casesDir, file)).href)) as { default: BenchCase };
  const bench = mod.default;
  known.push(bench.name);
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  process.stdout.write(`\n▶ ${bench.name}\n`);
  const started = Date.now();
  try {
    results[bench.name] = await withTimeout(bench.run(), CASE_TIMEOUT_SECONDS * 1000, bench.name);
  } catch (error) {
    failures[bench.name] = String((error as Error).message ?? error);
    results[bench.name] = [];
    process.stdout.write(`  FAILED: ${failures[bench.name]}\n`);
  }
  for (const figure of results[bench.name]!) process.stdout.write(`  ${figure.name.padEnd(48)} ${String(figure.value).padStart(12)} ${figure.unit}\n`);
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
const unknown = wanted.filter((w) => !known.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`no bench case named ${unknown.join(', ')}; cases: ${known.join(', ')}\n`);
  process.exit(2);
}
// Every case that runs the service (in its own process or in the bench's) reports its peak resident memory.
const servicePeaks = Object.entries(results).flatMap(([name, figures]) =>
  // A bench-process figure is not the service's: maxRSS is the whole bench run's peak, earlier cases included.
  figures.filter((f) => f.unit === 'MB' && /peak RSS/.test(f.name) && !/^bench process/.test(f.name)).map((f) => ({ case: name, figure: f.name, mb: f.value })),
);
const outDir = resolve(import.meta.dirname, 'results');
mkdirSync(outDir, { recursive: true });
const report = {
  at: new Date().toISOString(),
  node: process.version,
  /** The bench process itself (cases that run the service in-process count here). */
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  /** The largest peak RSS any case reported for the service, and where. */
  servicePeakRssMb: servicePeaks.reduce((max, p) => Math.max(max, p.mb), 0),
  servicePeaks,
  failures,
  results,
};
const stamp = report.at.replace(/[:.]/g, '-');
writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(report, null, 2));
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
process.stdout.write(
  `\nbench process peak RSS ${report.peakRssMb} MB; service peak RSS over the cases ${report.servicePeakRssMb} MB; figures written to bench/results/latest.json\n`,
);
process.exit(Object.keys(failures).length > 0 ? 1 : 0);
