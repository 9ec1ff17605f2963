import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportsDir, readExport, saveExport } from '../../src/areas/ledgers/exportFiles.ts';
import { startTestService } from '../support/startTestService.ts';
import { makePng } from '../support/makeImages.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('files the service writes are not readable by other users of the machine', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exports: 0600 files in a 0750 folder, still readable by the service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-modes-'));
    dirs.push(dataDir);
    const token = await saveExport(dataDir, '台账.xlsx', Buffer.from('ledger with names'));
    const dir = exportsDir(dataDir);
    expect(mode(dir)).toBe(0o750);
    const files = readdirSync(dir);
    expect(files.sort()).toEqual([`${token}.bin`, `${token}.json`]);
    for (const file of files) expect([file, mode(join(dir, file))]).toEqual([file, 0o600]);
    expect((await readExport(dataDir, token))?.bytes.toString()).toBe('ledger with names');
  });

  it('photos stored through the running service: 0640 files, 0750 folders', async () => {
    const service = await startTestService();
    try {
      const [reply] = await service.say('sb-group-dongwan', 'sb-dw-liaison', '主题党日', { imageBase64: makePng({ seed: 77 }).toString('base64') });
      expect(reply!.text).toContain('已存为');
      const file = await service.database.prisma.storedFile.findFirstOrThrow({ orderBy: { id: 'desc' } });
      const path = join(service.dataDir, file.path);
      expect(mode(path)).toBe(0o640);
      expect(mode(join(path, '..'))).toBe(0o750);
      expect(mode(join(service.dataDir, 'photos'))).toBe(0o750);
      const [ledger] = await service.say('sb-group-leading', 'sb-admin', '/导出 台账');
      expect(ledger!.text).toMatch(/台账|导出/);
      for (const name of readdirSync(exportsDir(service.dataDir))) expect([name, mode(join(exportsDir(service.dataDir), name))]).toEqual([name, 0o600]);
    } finally {
      await service.stop();
    }
  }, 90_000);
});
