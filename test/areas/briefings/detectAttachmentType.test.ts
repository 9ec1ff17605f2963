import { describe, expect, it } from 'vitest';
import { detectAttachmentType } from '../../../src/areas/briefings/detectAttachmentType.ts';
import { makeJpeg, makePng } from '../../support/makeImages.ts';
import { makeDoc, makeDocx, makeExe, makePdf } from '../../support/makeDocuments.ts';
import { rosterWorkbook } from '../roster/rosterWorkbook.ts';

describe('detectAttachmentType', () => {
  it('takes pictures, PDF, .docx and .doc by their content', async () => {
    expect(await detectAttachmentType(makePng())).toEqual({ ok: { kind: 'image', ext: 'png', mime: 'image/png' } });
    expect(await detectAttachmentType(makeJpeg())).toEqual({ ok: { kind: 'image', ext: 'jpg', mime: 'image/jpeg' } });
    expect(await detectAttachmentType(await makePdf())).toEqual({ ok: { kind: 'pdf', ext: 'pdf', mime: 'application/pdf' } });
    expect(await detectAttachmentType(makeDocx())).toEqual({
      ok: { kind: 'word', ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    });
    expect(await detectAttachmentType(makeDoc())).toEqual({ ok: { kind: 'word', ext: 'doc', mime: 'application/msword' } });
  });

  it('refuses a program, a workbook, an old Excel file and plain text, saying what they look like', async () => {
    expect(await detectAttachmentType(makeExe())).toEqual({ refused: '可执行程序' });
    expect(await detectAttachmentType(await rosterWorkbook([['东湾村党支部', '张三', '13900000000', '党员', '否']]))).toEqual({ refused: 'Excel 表格' });
    expect(await detectAttachmentType(makeDoc('Workbook'))).toEqual({ refused: 'Excel 表格' });
    expect(await detectAttachmentType(Buffer.from('这是一段文字，不是 PDF。'.repeat(20)))).toEqual({ refused: null });
  });

  it('refuses a PDF cut short (the header without its end)', async () => {
    const pdf = await makePdf();
    expect(await detectAttachmentType(pdf.subarray(0, Math.floor(pdf.length / 2)))).toEqual({ refused: '不完整的 PDF（可能没有下载或导出完）' });
  });
});
