import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const root = resolve(import.meta.dirname, '../..');
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Where npm resolves `name` from the package at `from` (node_modules of it and of each parent, then the top). */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

// `npm ci` refuses a lock file that does not match package.json, and a lock file written on one machine used to
// leave out other platforms' optional packages (@msgpackr-extract/*-darwin-*), so a clean clone's install rewrote it.
describe('the lock file is complete', () => {
  it('names every dependency of package.json', () => {
    const top = lock.packages[''] as LockEntry & { devDependencies?: Record<string, string> };
    expect(top.dependencies).toEqual(manifest.dependencies);
    expect(top.devDependencies).toEqual(manifest.devDependencies);
  });

  it('holds an entry for every optional (per-platform) package any locked package asks for', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(lock.packages).some((p) => p.endsWith('msgpackr-extract-darwin-arm64'))).toBe(true);
  });
});
