import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { EXPORT_TTL_MS, exportsDir, saveExport } from '../../../src/areas/ledgers/exportFiles.ts';
import { mountFileRoutes } from '../../../src/areas/ledgers/mountFileRoutes.ts';

const DAY = 24 * 3600 * 1000;

/**
 * The service stamps an export with its own clock (exportCommand: ctx.clock.now()); the link and the sweep must
 * run on that clock too, or a service whose time is not the machine's (a test's fixed clock) gives links that are
 * dead at once, or sweeps away exports made a minute ago.
 */
describe('GET /files/<token> on the service clock', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function serve(start: string) {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-files-'));
    dirs.push(dataDir);
    const clock = fixedClock(start);
    const app = new Hono();
    mountFileRoutes(app, dataDir, clock);
    return { dataDir, clock, app };
  }

  it('serves an export for 7 days of the service clock, years away from the machine time, then refuses it', async () => {
    const { dataDir, clock, app } = serve('2020-03-02T04:00:00Z');
    const bytes = Buffer.from('PK ledger of 东湾村党支部');
    const token = await saveExport(dataDir, '东湾村党支部-2020年党建台账.xlsx', bytes, clock.now());
    const first = await app.request(`/files/${token}`);
    expect(first.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await first.arrayBuffer()), bytes)).toBe(0);
    clock.advance(EXPORT_TTL_MS - 1000);
    expect((await app.request(`/files/${token}`)).status).toBe(200);
    clock.advance(2000);
    const lapsed = await app.request(`/files/${token}`);
    expect(lapsed.status).toBe(404);
    expect(await lapsed.text()).toContain('链接已过期');
  });

  it('a later export sweeps only the exports whose 7 days are over on that clock', async () => {
    const { dataDir, clock, app } = serve('2100-01-01T00:00:00Z');
    const first = await saveExport(dataDir, 'a.xlsx', Buffer.from('a'), clock.now());
    clock.advance(DAY);
    const second = await saveExport(dataDir, 'b.xlsx', Buffer.from('b'), clock.now());
    // The machine's time is decades behind the clock: by file times the first export would be long gone.
    expect((await app.request(`/files/${first}`)).status).toBe(200);
    clock.advance(7 * DAY - 1000);
    await saveExport(dataDir, 'c.xlsx', Buffer.from('c'), clock.now());
    const kept = (token: string) => existsSync(join(exportsDir(dataDir), `${token}.bin`)) && existsSync(join(exportsDir(dataDir), `${token}.json`));
    expect([kept(first), kept(second)]).toEqual([false, true]);
    expect((await app.request(`/files/${second}`)).status).toBe(200);
  });
});
