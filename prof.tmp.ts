import { DateTime } from 'luxon';
import { openDatabase } from './src/core/db/openDatabase.ts';
import { migrate } from './src/core/db/migrate.ts';
import { seedReferenceData } from './src/app/seed/seedReferenceData.ts';
import { generateCounty } from './src/app/demo/generateCounty.ts';
import { OrganizationTree } from './src/areas/pushes/queries/organizationTree.ts';
import { chartsData } from './src/areas/board/chartsData.ts';
import { renderChartsSvgs } from './cards/pictures/renderChartsPng.ts';
import { svgsToPng } from './cards/pictures/chartSvg.ts';
import { heldActivities } from './src/areas/records/branchProgress.ts';
import { memberYearTotals } from './src/areas/points/memberTotals.ts';
import { programmeProgress } from './src/areas/programmes/programmeProgress.ts';
import { writeFileSync } from 'node:fs';
import { targetStandings } from './src/areas/board/planTargets.ts';
const url = 'postgresql://127.0.0.1:5432/pictures_county';
const database = await openDatabase({ url });
await migrate(database);
const db = database.prisma;
if ((await db.organization.count()) === 0) { await seedReferenceData(db); await generateCounty(db, { today: '2026-11-30' }); }
const now = DateTime.fromISO('2026-11-30T08:23', { zone: 'Asia/Shanghai' }).toJSDate();
const tree = await OrganizationTree.load(db);
const root = tree.roots().find((r) => r.name === '云岭县委')!.id;
const ids = tree.subtree(root).map((o) => o.id);
const t = async (name: string, f: () => Promise<unknown> | unknown) => { const s = performance.now(); const v = await f(); console.log(name, Math.round(performance.now() - s)); return v; };
for (let i = 0; i < 3; i++) {
  await t('targets', () => targetStandings(db, ids, ids, 2026));
  const data = (await t('chartsData', () => chartsData(db, tree, root, now, 'Asia/Shanghai'))) as Awaited<ReturnType<typeof chartsData>>;
  const svgs = (await t('svgs', () => renderChartsSvgs(data.model))) as ReturnType<typeof renderChartsSvgs>;
  const png = (await t('png', () => svgsToPng(svgs))) as Buffer;
  writeFileSync('/tmp/county-digest.png', png);
}
await database.close();
