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

/**
 * An export by its token, while its link is valid. `now` is the same clock that stamped it (saveExport): the
 * service's, so a link made under the service's time is judged by that time, not the machine's.
 */
export async function readExport(dataDir: string, token: string, now = new Date()): Promise<{ fileName: string; bytes: Buffer } | null> {
  if (!TOKEN.test(token)) return null;
  const dir = exportsDir(dataDir);
  try {
    const meta = JSON.parse(await readFile(join(dir, `${token}.json`), 'utf8')) as { fileName: string; createdAt: string };
    if (now.getTime() - new Date(meta.createdAt).getTime() > EXPORT_TTL_MS) return null;
    return { fileName: meta.fileName, bytes: await readFile(join(dir, `${token}.bin`)) };
  } catch {
    return null;
  }
}

/**
 * Removes the exports whose link has lapsed, judged like readExport by the time recorded in each one (the service's
 * clock); only an export without its record (a write cut short) goes by its file's modification time.
 */
async function sweep(dir: string, now: Date): Promise<void> {
  const byToken = new Map<string, string[]>();
  for (const name of await readdir(dir)) {
    const token = name.replace(/\.(bin|json)$/u, '');
    byToken.set(token, [...(byToken.get(token) ?? []), name]);
  }
  for (const [token, names] of byToken) {
    let createdAt: number;
    try {
      createdAt = new Date((JSON.parse(await readFile(join(dir, `${token}.json`), 'utf8')) as { createdAt: string }).createdAt).getTime();
    } catch {
      createdAt = (await stat(join(dir, names[0]!))).mtime.getTime();
    }
    if (now.getTime() - createdAt > EXPORT_TTL_MS) for (const name of names) await unlink(join(dir, name)).catch(() => undefined);
  }
}
