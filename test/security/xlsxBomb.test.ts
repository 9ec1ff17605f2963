import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkXlsxLimits, FileTooLargeError, XLSX_LIMITS } from '../../src/core/files/checkXlsxLimits.ts';
import { readSheetRows } from '../../src/areas/roster/readSheetRows.ts';
import { makeXlsxBomb, makeXlsxWithRows } from '../support/makeXlsxBomb.ts';
import { rosterWorkbook } from '../areas/roster/rosterWorkbook.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { inboundJobId } from '../../jobs/queues.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BOMB_UNPACKED = 450 * 1024 * 1024;
const RSS_LIMIT = 1.5 * 1024 * 1024 * 1024;

/** Built once for the whole file: deflating 450 MB takes a few seconds. */
let shared: Promise<Buffer> | undefined;
const sharedBomb = () => (shared ??= makeXlsxBomb({ unpackedBytes: BOMB_UNPACKED }));

function runChild(files: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/security/children/readTwoWorkbooks.ts', ...files], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('xlsx zip bombs are refused before parsing', () => {
  let bomb: Buffer;
  let lyingBomb: Buffer;
  let dir: string;
  beforeAll(async () => {
    bomb = await sharedBomb();
    lyingBomb = await makeXlsxBomb({ unpackedBytes: BOMB_UNPACKED, lying: true });
    dir = mkdtempSync(join(tmpdir(), 'zhibu-bomb-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the fixture is a real bomb: small on disk, hundreds of MB unpacked', () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(bomb.length).toBeGreaterThan(100 * 1024);
    // The central directory says what the sheet unpacks to (the lying one says 1 KB).
    const sheetEntry = bomb.indexOf(Buffer.from('xl/worksheets/sheet1.xml'), bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) - 200);
    expect(sheetEntry).toBeGreaterThan(0);
    expect(bomb.readUInt32LE(sheetEntry - 46 + 24)).toBeGreaterThan(BOMB_UNPACKED - 2 * 1024 * 1024);
    expect(lyingBomb.readUInt32LE(lyingBomb.indexOf(Buffer.from('xl/worksheets/sheet1.xml'), lyingBomb.length - 300) - 46 + 24)).toBe(1024);
  });

  it('refuses a bomb by its declared size, with a Chinese message saying what to do', async () => {
    const error = await checkXlsxLimits(bomb, '名册.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as Error).message).toMatch(/「名册\.xlsx」解压后超过 40 MB（约 4\d\d MB），不像正常的名册，没有导入。请删去/);
  });

  it('refuses a bomb that lies about its size, by counting what it really unpacks to', async () => {
    const error = await checkXlsxLimits(lyingBomb, '名册.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as Error).message).toContain('解压后超过 40 MB');
  });

  it('refuses a small file with too many rows, and lets a real roster through', async () => {
    const many = await makeXlsxWithRows(XLSX_LIMITS.maxRows + 10);
    expect(many.length).toBeLessThan(2 * 1024 * 1024);
    await expect(checkXlsxLimits(many, '大名册.xlsx')).rejects.toThrow(`「大名册.xlsx」超过 ${XLSX_LIMITS.maxRows} 行`);
    const few = await makeXlsxWithRows(500);
    expect(await checkXlsxLimits(few, '名册.xlsx')).toMatchObject({ rows: 501, cells: 1503 });
    const roster = await rosterWorkbook([['东湾村党支部', '张三', '13900001111', '党员', '否']]);
    const facts = await checkXlsxLimits(roster, '名册.xlsx');
    expect(facts.rows).toBe(2);
    const [sheet] = await readSheetRows(roster, '名册.xlsx');
    expect(sheet!.rows.map((r) => r.values['姓名'])).toEqual(['张三']);
  });

  it('two bombs at once stay under 1.5 GB of resident memory (measured in a child process)', async () => {
    const honest = join(dir, '名册A.xlsx');
    const lying = join(dir, '名册B.xlsx');
    writeFileSync(honest, bomb);
    writeFileSync(lying, lyingBomb);
    const { code, stdout, stderr } = await runChild([honest, lying]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      results: { file: string; ok: boolean; error?: string; message?: string }[];
      maxRssBytes: number;
    };
    expect(report.results.map((r) => [r.file, r.ok, r.error])).toEqual([
      ['名册A.xlsx', false, 'FileTooLargeError'],
      ['名册B.xlsx', false, 'FileTooLargeError'],
    ]);
    for (const r of report.results) expect(r.message).toContain('解压后超过');
    console.info(`two bombs at once: peak RSS ${Math.round(report.maxRssBytes / 1024 / 1024)} MB`);
    expect(report.maxRssBytes).toBeGreaterThan(0);
    expect(report.maxRssBytes).toBeLessThan(RSS_LIMIT);
  }, 120_000);
});

describe('a bomb sent to the running service with /导入 名册', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('is answered in Chinese on the first attempt, imports nothing, and is never retried', async () => {
    const db = service.database.prisma;
    const members = await db.member.count();
    const organizations = await db.organization.count();
    const bomb = await sharedBomb();
    const replies = await service.say('sb-group-leading', 'sb-admin', '/导入 名册', {
      fileBase64: bomb.toString('base64'),
      fileName: '名册.xlsx',
      messageId: 'bomb-1',
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('「名册.xlsx」解压后超过 40 MB');
    expect(replies[0]!.text).not.toMatch(/系统出错|error/i);
    const job = await service.queues.inbound.getJob(inboundJobId({ platform: 'SANDBOX', eventId: 'bomb-1' }));
    expect(job).toBeTruthy();
    expect(await job!.getState()).toBe('completed');
    expect(job!.attemptsMade).toBe(1);
    expect(await db.member.count()).toBe(members);
    expect(await db.organization.count()).toBe(organizations);
    // The process is still serving.
    expect((await service.sayText('sb-group-dongwan', 'sb-dw-secretary', '/我的'))[0]).toContain('我的信息');
  }, 120_000);
});
