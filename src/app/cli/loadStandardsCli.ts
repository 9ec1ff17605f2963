import { withDatabase } from './withDatabase.ts';
import { loadStandardFile } from '../../areas/assessment/loadStandardFile.ts';
import { StandardLoadError } from '../../areas/assessment/upsertStandard.ts';

// npm run standards:load -- <file.json|file.yaml> [more files]
const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  console.error('用法：npm run standards:load -- <标准文件.json|.yaml>');
  process.exit(2);
}
try {
  await withDatabase(async (db) => {
    for (const file of files) {
      const result = await loadStandardFile(db, file);
      console.log(`${result.created ? '已新增' : '已更新'}评定标准 ${result.code}（${result.items} 项），并设为该领域当前使用的标准。`);
    }
  });
} catch (error) {
  if (error instanceof StandardLoadError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
