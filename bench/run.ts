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
const files = readdirSync(casesDir).filter((f) => f.endsWith('.ts')).sort();
const results: Record<string, BenchFigure[]> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(casesDir, file)).href)) as { default: BenchCase };
  const bench = mod.default;
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  process.stdout.write(`\n▶ ${bench.name}\n`);
  const started = Date.now();
  results[bench.name] = await bench.run();
  for (const figure of results[bench.name]!) process.stdout.write(`  ${figure.name.padEnd(48)} ${String(figure.value).padStart(12)} ${figure.unit}\n`);
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
const outDir = resolve(import.meta.dirname, 'results');
mkdirSync(outDir, { recursive: true });
const report = {
  at: new Date().toISOString(),
  node: process.version,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  results,
};
const stamp = report.at.replace(/[:.]/g, '-');
writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(report, null, 2));
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
process.stdout.write(`\nbench peak RSS ${report.peakRssMb} MB; figures written to bench/results/latest.json\n`);
process.exit(0);
