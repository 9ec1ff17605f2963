import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { UserError } from '../../core/errors/UserError.ts';
import { checkXlsxLimits, FileTooLargeError, XLSX_LIMITS } from '../../core/files/checkXlsxLimits.ts';

export interface SheetRows {
  name: string;
  /** Header names, trimmed. */
  header: string[];
  /** Data rows with their row number in the file (1-based, header is row 1). */
  rows: { rowNumber: number; values: Record<string, string> }[];
}

/**
 * Reads every sheet of an .xlsx (or the one table of a .csv) into header-keyed text rows. A formula cell reads as
 * FORMULA_CELL, for the caller to refuse. An .xlsx is checked first (unpacked size, rows, cells: checkXlsxLimits)
 * so a zip bomb is refused before it is parsed; a CSV is held to the same number of lines.
 */
export async function readSheetRows(bytes: Buffer, fileName: string): Promise<SheetRows[]> {
  const lower = fileName.toLowerCase();
  // exceljs loads with the first import, not with every process.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  if (lower.endsWith('.csv')) {
    let lines = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines++;
    if (lines > XLSX_LIMITS.maxRows)
      throw new FileTooLargeError(`「${fileName}」超过 ${XLSX_LIMITS.maxRows} 行，没有导入。请删去空白行，或分成几个文件分别导入。`);
    await workbook.csv.read(Readable.from([decodeCsv(bytes)]));
  } else if (lower.endsWith('.xlsx')) {
    await checkXlsxLimits(bytes, fileName);
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new UserError(`「${fileName}」不是有效的 .xlsx 文件，请用 Excel 或 WPS 另存为 .xlsx 后再发送。`);
    }
  } else {
    throw new UserError(`只支持 .xlsx 或 .csv 文件，收到的是「${fileName}」。`);
  }
  const sheets: SheetRows[] = [];
  workbook.eachSheet((sheet) => {
    const headerRow = sheet.getRow(1);
    const header: string[] = [];
    headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
      header[col - 1] = cellText(cell.value).replace(/\s|[*＊]/g, '');
    });
    const rows: SheetRows['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: Record<string, string> = {};
      let any = false;
      header.forEach((h, i) => {
        if (!h) return;
        const v = cellText(row.getCell(i + 1).value).trim();
        values[h] = v;
        if (v) any = true;
      });
      if (any) rows.push({ rowNumber, values });
    });
    sheets.push({ name: sheet.name, header: header.filter(Boolean), rows });
  });
  return sheets;
}

/** A formula cell: its cached result is whatever Excel computed last, not what someone typed, so it is never data. */
export const FORMULA_CELL = '\u0000formula';

/**
 * CSV text as Excel and WPS save it in China: UTF-8 with or without a BOM, or GB18030 (which covers GBK and GB2312)
 * when the bytes are not valid UTF-8.
 */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('formula' in value || 'sharedFormula' in value) return FORMULA_CELL;
    return '';
  }
  return String(value);
}
