import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Db } from '../../core/db/openDatabase.ts';
import { standardSchema } from './standards/standardSchema.ts';
import { StandardLoadError, upsertStandard, type UpsertResult } from './upsertStandard.ts';

/** Reads a standard (机关, or a revision) from a JSON or YAML file, validates it and makes it the active one. */
export async function loadStandardFile(db: Db, path: string): Promise<UpsertResult> {
  const text = await readFile(path, 'utf8');
  return loadStandardText(db, text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
}

export async function loadStandardText(db: Db, text: string, format: 'json' | 'yaml'): Promise<UpsertResult> {
  let raw: unknown;
  try {
    raw = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new StandardLoadError([`文件不是有效的 ${format.toUpperCase()}：${(error as Error).message}`]);
  }
  const parsed = standardSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StandardLoadError(parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`));
  }
  return upsertStandard(db, parsed.data, 'replace');
}
