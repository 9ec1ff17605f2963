import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// Owner and group only (docs/security.md): kept files show people, places and internal documents.
export const FILE_MODE = 0o640;
export const DIR_MODE = 0o750;

/** Where content-addressed files live under DATA_DIR: <folder>/<first 2 hex of sha256>/<sha256>.<ext>. */
export function contentPath(folder: string, sha256: string, ext: string): string {
  return join(folder, sha256.slice(0, 2), `${sha256}.${ext}`);
}

/**
 * Writes the bytes unless a file of that content is already there; returns whether it wrote. The bytes go to a
 * temporary name first and are renamed into place, so a reader never sees half a file.
 */
export async function writeOnce(path: string, bytes: Buffer): Promise<boolean> {
  const present = await stat(path).then(
    (s) => s.isFile() && s.size === bytes.length,
    () => false,
  );
  if (present) return false;
  await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes, { flag: 'wx', mode: FILE_MODE });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return true;
}
