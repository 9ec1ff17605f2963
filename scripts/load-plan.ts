/**
 * Loads a plan file (YAML or JSON) of tasks with deadlines into the database:
 *   npm run plan:load -- docs/plans/jiceng-zuzhi-jianshe-nian.yaml          (the real organisations)
 *   npm run plan:load -- docs/plans/jiceng-zuzhi-jianshe-nian.yaml --demo   (the demo town, to try it out)
 * Uses DATABASE_URL (or the embedded database in DATA_DIR) and TZ_NAME like the service. Loading the same
 * plan again creates nothing new.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../src/core/config/loadConfig.ts';
import { openDatabase } from '../src/core/db/openDatabase.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { parsePlanFile, PlanFileError } from '../src/areas/tasks/planFile.ts';
import { loadPlan } from '../src/areas/tasks/loadPlan.ts';

const args = process.argv.slice(2);
const realm = args.includes('--demo') ? 'demo' : 'real';
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('用法：npm run plan:load -- <方案文件.yaml|.json> [--demo]（加 --demo 装入演示镇，不加装入真实组织）');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), pgliteDir: resolve(config.DATA_DIR, 'pglite') });
try {
  await migrate(database);
  const plan = parsePlanFile(readFileSync(file, 'utf8'), file);
  const owners = await database.prisma.organization.count({ where: { demo: realm === 'demo', level: { in: ['BRANCH', 'GENERAL_BRANCH'] } } });
  if (owners === 0) {
    console.error(
      realm === 'demo'
        ? '没有演示镇：先 npm start 装入演示，或去掉 --demo。'
        : '还没有真实的党支部：先导入名册（npm run roster:import），或加 --demo 装入演示镇试用。',
    );
    process.exitCode = 1;
  } else {
    const loaded = await loadPlan(database.prisma, plan, config.TZ_NAME, realm);
    console.log(
      `方案「${plan.name}」装入${realm === 'demo' ? '演示镇' : '真实组织'}：新建任务 ${loaded.created.length} 项，已存在 ${loaded.existing.length} 项。`,
    );
    for (const t of loaded.created) console.log(`  #${t.id} ${t.title}（${t.assignments} 个组织）`);
  }
} catch (error) {
  if (error instanceof PlanFileError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await database.close();
}
