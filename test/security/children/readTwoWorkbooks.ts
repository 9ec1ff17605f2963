/**
 * Child process of xlsxBomb.test.ts: reads the workbooks named on the command line at the same time through the
 * import's own reader, and prints what each gave and the process's peak resident memory (so the parent
 * measures this process alone).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readSheetRows } from '../../../src/areas/roster/readSheetRows.ts';

const files = process.argv.slice(2);
const startedRss = process.memoryUsage().rss;
const results = await Promise.all(
  files.map(async (file) => {
    try {
      const sheets = await readSheetRows(readFileSync(file), basename(file));
      return { file: basename(file), ok: true, rows: sheets.reduce((n, s) => n + s.rows.length, 0) };
    } catch (error) {
      return { file: basename(file), ok: false, error: (error as Error).name, message: (error as Error).message };
    }
  }),
);
// maxRSS is in kilobytes.
console.log(JSON.stringify({ results, startedRss, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
