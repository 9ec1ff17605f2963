import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { waitForBotMessage } from '../../support/sandboxLog.ts';
import { makePng } from '../../support/makeImages.ts';
import { makeDocx, makeExe, makePdf } from '../../support/makeDocuments.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { boardSecret } from '../../../src/areas/board/boardAccess.ts';
import { signAttachmentToken } from '../../../src/areas/briefings/attachmentToken.ts';
import { buildLedgerWorkbook, SHEETS } from '../../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { asciiWords } from '../../support/asciiWords.ts';

const DW = 'sb-group-dongwan';
const MAX = 64 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A 简报 carries pictures and Word/PDF files, in the sandbox: with the command, in the author's window after it, or
 * after /简报 附件 <编号>. A picture outside a window is still a 痕迹 photo.
 */
describe('简报 attachments', () => {
  let service: TestService;
  // 10:00 in Shanghai: the window of a 简报 filed now ends at 10:10.
  const clock = fixedClock('2026-12-08T02:00:00Z');
  const db = () => service.database.prisma;
  /** Every reply the bot gave, for the last check: no English or internal names in what users read. */
  const answers: string[] = [];
  const reply = async (user: string, text: string, extra: Parameters<TestService['say']>[3] = {}, group = DW) => {
    const answer = (await service.say(group, user, text, extra)).map((r) => r.text).join('\n');
    answers.push(answer);
    return answer;
  };
  const file = (bytes: Buffer, fileName: string) => ({ fileBase64: bytes.toString('base64'), fileName });
  const picture = (bytes: Buffer) => ({ imageBase64: bytes.toString('base64'), fileName: 'IMG_0001.png' });
  const shownAttachments = (briefingId: number) => db().briefingAttachment.findMany({ where: { briefingId, revokedAt: null }, orderBy: { id: 'asc' } });
  const memberId = async (name: string) => (await db().member.findFirstOrThrow({ where: { name } })).id;
  /** The 说明 cell of the 简报's row in the ledger's 特色党建工作 sheet. */
  const ledgerNote = async () => {
    const { bytes } = await buildLedgerWorkbook(db(), {
      organizationId: (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id,
      year: 2026,
      now: clock.now(),
      zone: 'Asia/Shanghai',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet(SHEETS.featured)!.getSheetValues() as unknown[][];
    return rows.find((r) => Array.isArray(r) && r[2] === '东湾村开展12月主题党日活动')![4];
  };

  let briefingId = 0;
  let pdfAttachment = 0;
  let pictureAttachment = 0;
  const plan = makePdf('东湾村主题党日活动方案');

  beforeAll(async () => {
    service = await startTestService({ clock, env: { PHOTO_MAX_BYTES: String(MAX), PHOTO_LINK_WINDOW_MINUTES: '1' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('files a 简报 with the PDF sent in the same message, and announces the window for more', async () => {
    const pdf = await plan;
    const receipt = await reply('sb-dw-secretary', '/简报 东湾村开展12月主题党日活动\n12月5日，全体党员重温入党誓词。', file(pdf, '活动方案.pdf'));
    briefingId = Number(/编号：(\d+)/u.exec(receipt)![1]);
    expect(receipt).toContain('附件：1 个（PDF 1）：活动方案.pdf');
    expect(receipt).toContain('如需再附图片或 Word、PDF 附件，请在10分钟内直接发到本群（10:10前）');
    const [attachment] = await db().briefingAttachment.findMany({ where: { briefingId }, include: { file: true } });
    expect(attachment).toMatchObject({ fileName: '活动方案.pdf', platform: 'SANDBOX', uploaderId: await memberId('李春生') });
    expect(attachment!.file).toMatchObject({ sha256: sha(pdf), mimeType: 'application/pdf', sizeBytes: pdf.length });
    expect(attachment!.file.path).toBe(join('documents', sha(pdf).slice(0, 2), `${sha(pdf)}.pdf`));
    expect(readFileSync(join(service.dataDir, attachment!.file.path)).equals(pdf)).toBe(true);
    pdfAttachment = attachment!.id;
    expect(await db().auditLog.count({ where: { action: 'briefing.attachment_added', targetId: String(pdfAttachment) } })).toBe(1);
    const card = await waitForBotMessage(service.url, 'sb-group-leading', '东湾村开展12月主题党日活动');
    expect(card.text).toContain('附件：1 个（PDF 1）：活动方案.pdf');
    expect(card.text).toContain(`/查看简报 ${briefingId}`);
  });

  it("puts the author's picture posted in the window on the 简报, not among the 痕迹 photos", async () => {
    const photos = await db().tracePhoto.count();
    const png = makePng({ seed: 31 });
    const answer = await reply('sb-dw-secretary', '', picture(png));
    expect(answer).toContain('附件已附到简报：东湾村〔2026〕第1期');
    expect(answer).toMatch(/已附上：图片\.png（附件 \d+）。/u);
    expect(answer).toContain('这期简报现有附件 2 个（图片 1、PDF 1）');
    expect(await db().tracePhoto.count()).toBe(photos);
    const rows = await shownAttachments(briefingId);
    expect(rows.map((r) => r.fileName)).toEqual(['活动方案.pdf', '图片.png']);
    pictureAttachment = rows[1]!.id;
  });

  it("keeps someone else's picture in the author's window a 痕迹 photo", async () => {
    const answer = await reply('sb-dw-liaison', '', picture(makePng({ seed: 32 })));
    expect(answer).toContain('📷 已存为东湾村党支部的痕迹');
    expect(await shownAttachments(briefingId)).toHaveLength(2);
  });

  it('keeps the same file once and says so', async () => {
    const answer = await reply('sb-dw-secretary', '', file(await plan, '方案（定稿）.pdf'));
    expect(answer).toContain(`「方案（定稿）.pdf」这期简报已经有了（附件 ${pdfAttachment}，12月8日由李春生附上），不再重复保存。`);
    expect(answer).toContain('【附件已经有了：东湾村〔2026〕第1期】');
    expect(await shownAttachments(briefingId)).toHaveLength(2);
  });

  it('refuses a fake PDF, a renamed program and a file over the limit, saving nothing', async () => {
    const files = await db().storedFile.count();
    const fake = await reply('sb-dw-secretary', '', file(Buffer.from('这不是PDF，只是一段文字。'.repeat(10)), '总结.pdf'));
    expect(fake).toContain('【附件没有保存：东湾村〔2026〕第1期】');
    expect(fake).toContain(
      '「总结.pdf」不是图片、Word 或 PDF 文件（无法识别的文件），不能作为简报附件；只收图片（JPG、PNG、GIF、WebP、HEIC）、Word（.doc、.docx）和 PDF 文件',
    );
    const exe = await reply('sb-dw-secretary', '', file(makeExe(), '学习材料.docx'));
    expect(exe).toContain('「学习材料.docx」不是图片、Word 或 PDF 文件（看起来是可执行程序）');
    const pdf = await plan;
    const big = Buffer.concat([pdf.subarray(0, pdf.length - 6), Buffer.alloc(MAX, 0x20), pdf.subarray(pdf.length - 6)]);
    const tooBig = await reply('sb-dw-secretary', '', file(big, '会议记录扫描件.pdf'));
    expect(tooBig).toContain('「会议记录扫描件.pdf」太大（');
    expect(tooBig).toContain('附件最大 64 KB，请压缩后重新发送');
    expect(await shownAttachments(briefingId)).toHaveLength(2);
    expect(await db().storedFile.count()).toBe(files);
  });

  it('after the window a picture is a 痕迹 photo again', async () => {
    clock.advance(11 * 60_000);
    const answer = await reply('sb-dw-secretary', '', picture(makePng({ seed: 33 })));
    expect(answer).toContain('📷 已存为东湾村党支部的痕迹');
    expect(await shownAttachments(briefingId)).toHaveLength(2);
  });

  it('/简报 附件 <编号> is for the author and the branch roles only; it opens a window of its own', async () => {
    expect(await reply('sb-dw-member', `/简报 附件 ${briefingId}`)).toContain('只有这期简报的报送人，或东湾村党支部的书记、组织委员、联络员可以给它补附件');
    expect(await reply('sb-jx-secretary', `/简报 附件 ${briefingId}`, {}, 'sb-group-jixie')).toContain('可以给它补附件');
    const open = await reply('sb-dw-liaison', `/简报 附件 ${briefingId}`);
    expect(open).toContain('【请发送附件：东湾村〔2026〕第1期】');
    expect(open).toContain('现有附件 2 个（图片 1、PDF 1）');
    expect(open).toContain('请在 10 分钟内（10:21前）');
    const docx = makeDocx('活动总结');
    const added = await reply('sb-dw-liaison', '', file(docx, '活动总结.docx'));
    expect(added).toMatch(/已附上：活动总结\.docx（附件 \d+）/u);
    const row = await db().briefingAttachment.findFirstOrThrow({ where: { briefingId, fileName: '活动总结.docx' }, include: { file: true, uploader: true } });
    expect(row.uploader.name).toBe('王小燕');
    expect(row.file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Ended early: the next picture is a 痕迹 photo again.
    expect(await reply('sb-dw-liaison', '/简报 附件 结束')).toContain('之后你在这里发的图片照常存为痕迹照片');
    expect(await reply('sb-dw-liaison', '', picture(makePng({ seed: 34 })))).toContain('📷 已存为东湾村党支部的痕迹');
    expect(await shownAttachments(briefingId)).toHaveLength(3);
  });

  it('a 简报 whose attachment cannot be kept is not filed at all', async () => {
    const before = await db().briefing.count();
    const answer = await reply('sb-dw-secretary', '/简报 东湾村走访老党员\n走访了5位老党员。', file(Buffer.from('not a pdf'), '照片.pdf'));
    expect(answer).toContain('简报没有报送：「照片.pdf」不是图片、Word 或 PDF 文件');
    expect(await db().briefing.count()).toBe(before);
  });

  it('/查看简报 lists the attachments with links that open only for those who may see the 简报', async () => {
    const detail = await reply('sb-dw-secretary', `/查看简报 ${briefingId}`);
    expect(detail).toContain('附件：3 个（图片 1、PDF 1、Word 1）');
    const link = new RegExp(`附件 ${pdfAttachment}：活动方案\\.pdf（PDF，\\d+ KB） (/briefing-files/[A-Za-z0-9_.-]+)`, 'u').exec(detail);
    expect(link, detail).not.toBeNull();
    const served = await fetch(`${service.url}${link![1]}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('活动方案.pdf')}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(await plan)).toBe(true);

    // A secretary of another branch may not read it, in chat or by a link made out to them.
    expect(await reply('sb-jx-secretary', `/查看简报 ${briefingId}`, {}, 'sb-group-jixie')).toContain('不能查看');
    const secret = await boardSecret(db(), undefined);
    const theirs = signAttachmentToken(secret, { a: pdfAttachment, m: await memberId('林国栋'), e: Math.floor(Date.now() / 1000) + 3600 });
    const refused = await fetch(`${service.url}/briefing-files/${theirs}`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('没有查看这份附件的权限');
    // A forged or expired link opens nothing either.
    const forged = signAttachmentToken('not-the-secret-'.repeat(3), { a: pdfAttachment, m: await memberId('李春生'), e: Math.floor(Date.now() / 1000) + 3600 });
    expect((await fetch(`${service.url}/briefing-files/${forged}`)).status).toBe(403);
    const expired = signAttachmentToken(secret, { a: pdfAttachment, m: await memberId('李春生'), e: Math.floor(clock.now().getTime() / 1000) - 1 });
    expect((await fetch(`${service.url}/briefing-files/${expired}`)).status).toBe(403);
  });

  it("the 组织办's review lists the attachments, and the list counts them", async () => {
    const list = await reply('sb-admin', '/简报列表', {}, 'sb-group-leading');
    expect(list).toMatch(new RegExp(`${briefingId} · 东湾村〔2026〕第1期 · .* · 3 个`, 'u'));
    const adopted = await reply('sb-admin', `/采用 ${briefingId}`, {}, 'sb-group-leading');
    expect(adopted).toContain('已采用：东湾村〔2026〕第1期');
    expect(adopted).toContain('— 附件（3 个） —');
    expect(adopted).toMatch(/附件 \d+：活动总结\.docx（Word，\d+ KB） \/briefing-files\//u);
  });

  it('the ledger lists the attachments as the 简报 evidence', async () => {
    expect(await ledgerNote()).toBe('已采用\n附件 3 个（图片 1、PDF 1、Word 1）：活动方案.pdf、图片.png、活动总结.docx');
  });

  it('/撤销 附件 withdraws one, audited and kept: gone from the views, its link closed, the ledger count lower', async () => {
    const detail = await reply('sb-dw-secretary', `/查看简报 ${briefingId}`);
    const link = new RegExp(`附件 ${pictureAttachment}：图片\\.png（图片，\\d+ KB） (/briefing-files/[A-Za-z0-9_.-]+)`, 'u').exec(detail)![1]!;
    expect((await fetch(`${service.url}${link}`)).status).toBe(200);
    expect(await reply('sb-dw-member', `/撤销 附件 ${pictureAttachment}`)).toContain('只有附件的上传人、简报的报送人');
    expect(await reply('sb-dw-secretary', `/撤销 附件 ${pictureAttachment}`)).toContain(
      `要撤销的是：简报附件 ${pictureAttachment}「图片.png」（东湾村〔2026〕第1期）`,
    );
    const done = await reply('sb-dw-secretary', '/确认');
    expect(done).toContain('已发出的链接也打不开了');
    const row = await db().briefingAttachment.findUniqueOrThrow({ where: { id: pictureAttachment }, include: { file: true } });
    expect(row.revokedAt).not.toBeNull();
    expect(readFileSync(join(service.dataDir, row.file.path)).length).toBeGreaterThan(0);
    expect(await db().auditLog.count({ where: { action: 'undo.attachment', targetId: String(pictureAttachment) } })).toBe(1);
    expect((await fetch(`${service.url}${link}`)).status).toBe(403);
    const after = await reply('sb-dw-secretary', `/查看简报 ${briefingId}`);
    expect(after).toContain('附件：2 个（PDF 1、Word 1）');
    expect(after).not.toContain('图片.png');
    expect(await reply('sb-dw-secretary', `/撤销 附件 ${pictureAttachment}`)).toContain('已经撤销了');
    expect(await ledgerNote()).toBe('已采用\n附件 2 个（PDF 1、Word 1）：活动方案.pdf、活动总结.docx');
  });

  it('the withdrawn picture sent again (with /简报 附件 in the same message) comes back, audited', async () => {
    const answer = await reply('sb-dw-secretary', `/简报 附件 ${briefingId}`, picture(makePng({ seed: 31 })));
    expect(answer).toContain(`已附上：图片.png（附件 ${pictureAttachment}）`);
    expect((await db().briefingAttachment.findUniqueOrThrow({ where: { id: pictureAttachment } })).revokedAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: 'briefing.attachment_restored', targetId: String(pictureAttachment) } })).toBe(1);
    expect(await shownAttachments(briefingId)).toHaveLength(3);
  });

  it('in a group bound to nothing, pictures after /简报 附件 all reach the 简报, however many', async () => {
    const NEW = 'sb-group-new';
    // A picture alone here concerns nobody: no answer, and the edge leaves the next ones out…
    expect(await reply('sb-dw-secretary', '', picture(makePng({ seed: 41 })), NEW)).toBe('');
    // …until something is said to the bot here: then both pictures of the window are heard.
    expect(await reply('sb-dw-secretary', `/简报 附件 ${briefingId}`, {}, NEW)).toContain('【请发送附件：东湾村〔2026〕第1期】');
    const before = (await shownAttachments(briefingId)).length;
    // Someone else's picture here still concerns nobody; it must not stop the author's.
    expect(await reply('sb-dw-liaison', '', picture(makePng({ seed: 44 })), NEW)).toBe('');
    expect(await reply('sb-dw-secretary', '', picture(makePng({ seed: 42 })), NEW)).toContain('已附上');
    expect(await reply('sb-dw-liaison', '', picture(makePng({ seed: 45 })), NEW)).toBe('');
    expect(await reply('sb-dw-secretary', '', picture(makePng({ seed: 43 })), NEW)).toContain('已附上');
    expect(await shownAttachments(briefingId)).toHaveLength(before + 2);
    expect(await reply('sb-dw-secretary', '/简报 附件 结束', {}, NEW)).toContain('之后你在这里发的图片');
  });

  it('says all of it in Chinese: no English or internal names in the replies', () => {
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.flatMap((a) => asciiWords(a))).toEqual([]);
  });
});
