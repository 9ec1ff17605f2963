import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Exports are kept this long for their download link. */
export const EXPORT_TTL_MS = 7 * 24 * 3600 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** Saves an export under a random, unguessable token; returns the token. Old exports are swept. */
export async function saveExport(dataDir: string, fileName: string, bytes: Buffer, now = new Date()): Promise<string> {
  const dir = exportsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o750 });
  await sweep(dir, now).catch(() => undefined);
  const token = randomBytes(24).toString('base64url');
  // Ledgers name people: readable by the service's user only.
  await writeFile(join(dir, `${token}.bin`), bytes, { mode: 0o600 });
  await writeFile(join(dir, `${token}.json`), JSON.stringify({ fileName, createdAt: now.toISOString() }), { mode: 0o600 });
  return token;
}

export async function readExport(dataDir: string, token: string): Promise<{ fileName: string; bytes: Buffer } | null> {
  if (!TOKEN.test(token)) return null;
  const dir = exportsDir(dataDir);
  try {
    const meta = JSON.parse(await readFile(join(dir, `${token}.json`), 'utf8')) as { fileName: string; createdAt: string };
    if (Date.now() - new Date(meta.createdAt).getTime() > EXPORT_TTL_MS) return null;
    return { fileName: meta.fileName, bytes: await readFile(join(dir, `${token}.bin`)) };
  } catch {
    return null;
  }
}

async function sweep(dir: string, now: Date): Promise<void> {
  for (const name of await readdir(dir)) {
    const info = await stat(join(dir, name));
    if (now.getTime() - info.mtime.getTime() > EXPORT_TTL_MS) await unlink(join(dir, name)).catch(() => undefined);
  }
}
