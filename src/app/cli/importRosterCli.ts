import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { withDatabase } from './withDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { formatRosterErrors, importRoster, rosterFigures } from '../../areas/roster/importRoster.ts';
import { formatIssuedInvites, issueInvitesForUnbound } from './issueInvitesForUnbound.ts';
import { formatLocal } from '../../engine/commands/core/formatLocal.ts';

// npm run roster:import -- <名册.xlsx|名册.csv> [--codes]
const printCodes = process.argv.includes('--codes');
const file = process.argv.slice(2).find((a) => a !== '--' && !a.startsWith('--'));
if (!file) {
  console.error('用法：npm run roster:import -- <名册.xlsx|名册.csv> [--codes]（加 --codes 同时给尚未绑定的书记、联络员等各生成一个邀请码）');
  process.exit(2);
}
try {
  const bytes = await readFileOrExit(file);
  const result = await withDatabase((db) => importRoster(db, bytes, basename(file), null));
  if (!result.ok) {
    console.error(`名册有 ${result.errors.length} 处问题，全部未导入：`);
    for (const line of formatRosterErrors(result.errors, 1000)) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(`导入完成：${rosterFigures(result)}`);
  if (result.missing.length) {
    console.log(`系统里有 ${result.missing.length} 名党员不在这份名册中（没有变动；确需减少的，请在群里用「/党员 减少」办理）：`);
    for (const m of result.missing) console.log(`  ${m.organization} ${m.name}`);
  }
  if (printCodes) {
    await withDatabase(async (db, config) => {
      const issued = await issueInvitesForUnbound(db, { now: new Date(), ttlHours: config.INVITE_TTL_HOURS, via: 'roster' });
      for (const line of formatIssuedInvites(issued, formatLocal(issued.expiresAt, config.TZ_NAME))) console.log(line);
    });
  } else console.log('书记、联络员等绑定账号要用邀请码：加 --codes 重新导入，或运行 npm run invite:issue -- --unbound 一次生成。');
} catch (error) {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

async function readFileOrExit(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    console.error(`读不到文件：${path}`);
    process.exit(1);
  }
}
