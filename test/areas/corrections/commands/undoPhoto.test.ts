import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { makePng } from '../../../support/makeImages.ts';
import { buildLedgerWorkbook, SHEETS } from '../../../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { monthlyEvidence } from '../../../../src/areas/traces/monthlyEvidence.ts';
import { parseMonth } from '../../../../src/areas/traces/parseMonth.ts';
import { resolveEvidence } from '../../../../src/areas/problems/problemService.ts';
import { loadRecordSet } from '../../../../src/areas/assessment/proposers/loadRecordSet.ts';

const DW = 'sb-group-dongwan';
const tz = 'Asia/Shanghai';

describe('/撤销 a 痕迹 photo: withdrawn, kept, no longer counted', () => {
  let service: TestService;
  const db = () => service.database.prisma;
  const say = (user: string, text: string, group = DW) => service.sayText(group, user, text).then((r) => r.join('\n'));
  const post = async (user: string, seed: number, caption = '') =>
    (await service.say(DW, user, caption, { imageBase64: makePng({ seed }).toString('base64'), fileName: 'p.png' })).map((r) => r.text).join('\n');
  const photoId = (reply: string) => Number(/照片 (\d+)/u.exec(reply)![1]);
  const dongwan = async () => (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
  const evidence = async () => monthlyEvidence(db(), await dongwan(), parseMonth('本月', new Date(), tz, ''));
  const ledgerPhotoCell = async (seq: number) => {
    const now = new Date();
    const year = DateTime.fromJSDate(now, { zone: tz }).year;
    const { bytes } = await buildLedgerWorkbook(db(), { organizationId: await dongwan(), year, now, zone: tz });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(SHEETS.daily)!;
    const header = (sheet.getRow(1).values as unknown[]).indexOf('照片');
    const row = (sheet.getSheetValues() as unknown[][]).find((r) => Array.isArray(r) && r[1] === seq)!;
    return row[header];
  };
  const undoAudits = () => db().auditLog.count({ where: { action: 'undo.photo' } });

  let seq = 0;
  let linked1 = 0;
  let linked2 = 0;
  let loose = 0;

  beforeAll(async () => {
    service = await startTestService({ db: 'postgres' });
    const today = DateTime.now().setZone(tz);
    loose = photoId(await post('sb-dw-liaison', 103));
    const receipt = await say('sb-dw-secretary', `/会议记录\n类型：主题党日\n日期：${today.month}月${today.day}日\n主题：照片撤销演练\n参加人员：陈秀英`);
    seq = Number(/第 ?(\d+) ?号/u.exec(receipt)![1]);
    linked1 = photoId(await post('sb-dw-liaison', 101, `第${seq}号记录`));
    linked2 = photoId(await post('sb-dw-secretary', 102, `第${seq}号记录`));
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('counts three pictures before any undo (by hand: one loose, then two on the record)', async () => {
    const e = await evidence();
    expect(e.photosInMonth).toBe(3);
    expect(e.unlinkedInMonth).toBe(1);
    expect(e.activities.find((a) => a.seq === seq)!.photos).toBe(2);
    expect(await ledgerPhotoCell(seq)).toBe(2);
  });

  it("undoes the caller's own last photo after /确认, keeping the row and the file", async () => {
    const question = await say('sb-dw-liaison', '/撤销');
    expect(question).toContain(`要撤销的是：痕迹照片 ${linked1}（关联：`);
    expect(question).toContain(`第${seq}号记录）`);
    expect((await db().tracePhoto.findUniqueOrThrow({ where: { id: linked1 } })).revokedAt).toBeNull();
    const done = await say('sb-dw-liaison', '/确认');
    expect(done).toContain(`痕迹照片 ${linked1}（`);
    expect(done).toContain('不再计入照片数');
    const row = await db().tracePhoto.findUniqueOrThrow({ where: { id: linked1 }, include: { file: true } });
    expect(row.revokedAt).not.toBeNull();
    expect(existsSync(join(service.dataDir, row.file.path))).toBe(true);
    expect(await undoAudits()).toBe(1);
    const e = await evidence();
    expect(e.photosInMonth).toBe(2);
    expect(e.unlinkedInMonth).toBe(1);
    expect(e.activities.find((a) => a.seq === seq)).toMatchObject({ photos: 1, photoIds: [linked2] });
    expect(await ledgerPhotoCell(seq)).toBe(1);
    // The liaison's next bare /撤销 reaches back to their earlier photo, not the withdrawn one.
    expect(await say('sb-dw-liaison', '/撤销')).toContain(`要撤销的是：痕迹照片 ${loose}。`);
    expect(await say('sb-dw-liaison', '/取消')).toContain('保持不变');
    expect(await undoAudits()).toBe(1);
  });

  it('refuses the wrong role, the wrong branch and bad numbers, withdrawing nothing', async () => {
    expect(await say('sb-dw-member', `/撤销 照片 ${loose}`)).toContain('只有照片所属支部的书记、组织委员或组织办');
    expect(await say('sb-jx-secretary', `/撤销 照片 ${loose}`)).toContain('只有照片所属支部的书记');
    expect(await say('sb-jx-secretary', `/撤销 照片 ${loose}`, 'sb-group-jixie')).toContain(`照片 ${loose} 不是本支部的痕迹`);
    expect(await say('sb-dw-secretary', '/撤销 照片 五')).toContain('请写照片编号');
    expect(await say('sb-dw-secretary', '/撤销 照片 999999')).toContain('没有编号 999999 的痕迹照片');
    expect(await say('sb-dw-secretary', `/撤销 照片 ${linked1}`)).toContain('已经撤销了');
    expect(await say('sb-dw-secretary', '/确认')).toContain('现在没有等你确认的事项');
    expect(await db().tracePhoto.count({ where: { revokedAt: { not: null } } })).toBe(1);
    expect(await undoAudits()).toBe(1);
  });

  it("lets the branch's 书记 undo a photo by number; /痕迹, the ledger cell and the assessment counts follow", async () => {
    expect(await say('sb-dw-secretary', `/撤销 照片 #${loose}`)).toContain(`要撤销的是：痕迹照片 ${loose}。`);
    expect(await say('sb-dw-secretary', '/确认')).toContain('已撤销');
    const e = await evidence();
    expect(e.photosInMonth).toBe(1);
    expect(e.unlinkedInMonth).toBe(0);
    expect(e.unlinkedIds).toEqual([]);
    expect(e.activities.find((a) => a.seq === seq)).toMatchObject({ photos: 1, photoIds: [linked2] });
    expect(await ledgerPhotoCell(seq)).toBe(1);
    const today = DateTime.now().setZone(tz).toISODate()!;
    const set = await loadRecordSet(db(), await dongwan(), { start: today, end: today } as Parameters<typeof loadRecordSet>[2], today);
    expect(set.records.find((r) => r.topic === '照片撤销演练')!.photos).toBe(1);
    const traces = await say('sb-dw-secretary', '/痕迹');
    expect(traces).toContain(`1 张（照片 ${linked2}）`);
    expect(await undoAudits()).toBe(2);
  });

  it('hides a withdrawn photo from evidence for closing a problem', async () => {
    const input = { organizationId: await dongwan(), year: 2026, now: new Date(), windowMinutes: 600 };
    await expect(resolveEvidence(db(), { ...input, text: `照片 ${linked1}` })).rejects.toThrow('这张照片已撤销');
    // 刚发的照片 skips the withdrawn ones and finds the latest shown one.
    expect(await resolveEvidence(db(), { ...input, text: '刚发的照片' })).toMatchObject({ kind: 'photo', photoId: linked2 });
  });

  it('a withdrawn picture sent again counts again, on the same kept row', async () => {
    const reply = await post('sb-dw-liaison', 101, `第${seq}号记录`);
    expect(reply).toContain(`已存为东湾村党支部的痕迹（照片 ${linked1}）`);
    expect((await db().tracePhoto.findUniqueOrThrow({ where: { id: linked1 } })).revokedAt).toBeNull();
    expect((await evidence()).photosInMonth).toBe(2);
    expect(await ledgerPhotoCell(seq)).toBe(2);
    expect(await db().auditLog.count({ where: { action: 'trace.photo_restored', targetId: String(linked1) } })).toBe(1);
  });
});
