/** One figure a benchmark reports; compare figures run to run, and ratios within one run. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchCase {
  /** Short id, also the key in the JSON results. */
  name: string;
  run(): Promise<BenchFigure[]>;
}

/** Median and p99 of a list of durations in milliseconds. */
export function summarise(name: string, durationsMs: number[]): BenchFigure[] {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return [
    { name: `${name} median`, value: round(at(0.5)), unit: 'ms' },
    { name: `${name} p99`, value: round(at(0.99)), unit: 'ms' },
    { name: `${name} samples`, value: sorted.length, unit: 'count' },
  ];
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
