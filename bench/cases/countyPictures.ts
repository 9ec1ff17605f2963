import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { Hono } from 'hono';
import { DateTime } from 'luxon';
import type { BenchCase, BenchFigure } from '../BenchCase.ts';
import { round, summarise } from '../BenchCase.ts';
import { openDatabase } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../src/app/seed/seedReferenceData.ts';
import { generateCounty } from '../../src/app/demo/generateCounty.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { OrganizationTree } from '../../src/areas/pushes/queries/organizationTree.ts';
import { chartsData } from '../../src/areas/board/chartsData.ts';
import { boardLink } from '../../src/areas/board/boardAccess.ts';
import { mountBoardRoutes } from '../../src/areas/board/mountBoardRoutes.ts';
import { renderChartsPng } from '../../cards/pictures/renderChartsPng.ts';
import { createTestDatabase } from '../../test/support/testDatabase.ts';

const ZONE = 'Asia/Shanghai';
const TODAY = '2026-11-30';
const SECRET = 'bench-board-secret-0123456789abcdefghijkl';

/** Wall time, and this process's CPU time (user + system), which a loaded shared machine inflates less. */
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [value, performance.now() - started, (used.user + used.system) / 1000];
}

/**
 * County scale (925 organisations, 20,898 members): the digest's picture (figures read from PostgreSQL, four
 * ECharts SVGs, one PNG) and the live board's first load (GET /board/<token>, server time through Hono's
 * app.request, no network). The first call of each includes loading the CJK font into Skia. The PNG is written
 * to bench/results/county-digest.png to be looked at.
 */
const countyPictures: BenchCase = {
  name: 'countyPictures',
  async run(): Promise<BenchFigure[]> {
    const testDb = await createTestDatabase('postgres');
    const database = await openDatabase({ url: testDb.url! });
    try {
      await migrate(database);
      const db = database.prisma;
      await seedReferenceData(db);
      const county = await generateCounty(db, { today: TODAY });
      await db.$executeRawUnsafe('ANALYZE');
      const now = DateTime.fromISO(`${TODAY}T08:23`, { zone: ZONE }).toJSDate();
      const tree = await OrganizationTree.load(db);

      const picture = async () => renderChartsPng((await chartsData(db, tree, county.rootId, now, ZONE)).model);
      const [png, firstPictureMs, firstPictureCpu] = await timed(picture);
      const pictureRuns: number[] = [];
      const pictureCpu: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [, wall, cpu] = await timed(picture);
        pictureRuns.push(wall);
        pictureCpu.push(cpu);
      }
      const out = resolve(import.meta.dirname, '..', 'results');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'county-digest.png'), png);

      const app = new Hono();
      mountBoardRoutes(app, { db, clock: fixedClock(now), zone: ZONE, dataDir: resolve('data'), secret: async () => SECRET });
      const link = await boardLink({ db, secret: SECRET, now, days: 30 }, county.rootId, county.rootId);
      const load = async () => {
        const response = await app.request(link);
        if (response.status !== 200) throw new Error(`board answered ${response.status}`);
        return (await response.text()).length;
      };
      const [pageBytes, firstBoardMs, firstBoardCpu] = await timed(load);
      const boardRuns: number[] = [];
      const boardCpu: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [, wall, cpu] = await timed(load);
        boardRuns.push(wall);
        boardCpu.push(cpu);
      }

      return [
        { name: 'organisations', value: county.organizations, unit: 'count' },
        { name: 'members', value: county.members, unit: 'count' },
        { name: 'digest picture, first (font load included)', value: round(firstPictureMs), unit: 'ms' },
        { name: 'digest picture, first: process CPU', value: round(firstPictureCpu), unit: 'ms' },
        ...summarise('digest picture', pictureRuns),
        ...summarise('digest picture process CPU', pictureCpu),
        { name: 'digest picture size', value: Math.round(png.length / 1024), unit: 'KiB' },
        { name: 'board first load (first request)', value: round(firstBoardMs), unit: 'ms' },
        { name: 'board first load (first request): process CPU', value: round(firstBoardCpu), unit: 'ms' },
        ...summarise('board first load', boardRuns),
        ...summarise('board first load process CPU', boardCpu),
        { name: 'load average (1 min) at the end', value: round(loadavg()[0]!), unit: 'count' },
        { name: 'board page size', value: Math.round(pageBytes / 1024), unit: 'KiB' },
      ];
    } finally {
      await database.close();
      await testDb.drop();
    }
  },
};

export default countyPictures;
