import { writeFile } from 'node:fs/promises';
import { parseCliArgs, withDatabase } from './withDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { findOrganization } from '../../engine/identity/findOrganization.ts';
import { buildLedgerWorkbook, type LedgerPart } from '../../areas/ledgers/buildLedgerWorkbook.ts';

// npm run ledger:export -- --org <组织> --year 2026 --out 台账.xlsx [--only 考评|积分|问题|台账]
const { options } = parseCliArgs(process.argv.slice(2).filter((a) => a !== '--'));
const only: Record<string, LedgerPart[]> = {
  台账: ['ledgers', 'problems', 'assessment', 'points'],
  考评: ['assessment'],
  积分: ['points'],
  问题: ['problems'],
};
if (!options.org || !options.year || !/^\d{4}$/.test(options.year) || (options.only && !only[options.only])) {
  console.error('用法：npm run ledger:export -- --org <组织名> --year 2026 [--out 文件.xlsx] [--only 台账|考评|积分|问题]');
  process.exit(2);
}
try {
  await withDatabase(async (db, config) => {
    const org = await findOrganization(db, options.org!);
    const { bytes, fileName } = await buildLedgerWorkbook(db, {
      organizationId: org.id,
      year: Number(options.year),
      zone: config.TZ_NAME,
      ...(options.only ? { parts: only[options.only]! } : {}),
    });
    const out = options.out || fileName;
    await writeFile(out, bytes);
    console.log(`已导出 ${org.name} ${options.year} 年台账：${out}（${bytes.length} 字节）`);
  });
} catch (error) {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
