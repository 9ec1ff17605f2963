import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, describe, expect, it } from 'vitest';
import { AttachmentRejectedError, attachmentName, prepareAttachment } from '../../../src/areas/briefings/prepareAttachment.ts';
import { photoPath } from '../../../src/areas/traces/photoStore.ts';
import { makeJpeg } from '../../support/makeImages.ts';
import { jpegWithGps } from '../../support/makeExif.ts';
import { makeExe, makePdf } from '../../support/makeDocuments.ts';

describe('prepareAttachment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-attach-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const prepare = (bytes: Buffer, fileName: string | null, maxBytes = 64 * 1024) => prepareAttachment({ bytes, fileName, dataDir, maxBytes });
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof AttachmentRejectedError ? error.rejection : error),
    );

  it('keeps a picture where 痕迹 photos are kept, without its GPS position', async () => {
    const jpeg = jpegWithGps(makeJpeg(5, 8, 8));
    expect((await exifr.gps(jpeg))?.latitude).toBeCloseTo(31.2304, 3);
    const prepared = await prepare(jpeg, null);
    expect(prepared).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', fileName: '图片.jpg', width: 8, height: 8 });
    expect(prepared.path).toBe(photoPath(prepared.sha256, 'jpg'));
    const kept = readFileSync(join(dataDir, prepared.path));
    expect(kept.length).toBe(prepared.sizeBytes);
    expect(await exifr.gps(kept).catch(() => undefined)).toBeUndefined();
  });

  it('keeps a PDF under documents/, byte for byte', async () => {
    const pdf = await makePdf('prepare');
    const prepared = await prepare(pdf, '活动方案.pdf');
    expect(prepared).toMatchObject({ kind: 'pdf', fileName: '活动方案.pdf', sizeBytes: pdf.length, width: null });
    expect(prepared.path.startsWith(join('documents', prepared.sha256.slice(0, 2)))).toBe(true);
    expect(readFileSync(join(dataDir, prepared.path)).equals(pdf)).toBe(true);
  });

  it('checks the size before the content, and refuses an empty file and a program', async () => {
    expect(await rejection(prepare(Buffer.alloc(0), 'a.pdf'))).toEqual({ reason: 'empty' });
    expect(await rejection(prepare(makeExe(), 'big.pdf', 100))).toEqual({ reason: 'too_large', sizeBytes: 512 });
    expect(await rejection(prepare(makeExe(), '学习材料.pdf'))).toEqual({ reason: 'wrong_type', seen: '可执行程序' });
  });
});

describe('attachmentName', () => {
  it('drops folders and control characters, and makes the extension match the content', () => {
    expect(attachmentName('C:\\Users\\李\\桌面\\方案.pdf', 'pdf', 'pdf')).toBe('方案.pdf');
    expect(attachmentName('../../etc/passwd', 'pdf', 'pdf')).toBe('passwd.pdf');
    expect(attachmentName('总结\u0007".doc', 'pdf', 'pdf')).toBe('总结.pdf');
    expect(attachmentName('合影.JPEG', 'image', 'jpg')).toBe('合影.JPEG');
    expect(attachmentName('报告.v2', 'word', 'docx')).toBe('报告.v2.docx');
    expect(attachmentName(null, 'word', 'doc')).toBe('附件.doc');
    expect(attachmentName('.pdf', 'pdf', 'pdf')).toBe('附件.pdf');
    expect(attachmentName(`${'长'.repeat(100)}.pdf`, 'pdf', 'pdf')).toBe(`${'长'.repeat(80)}.pdf`);
  });
});
