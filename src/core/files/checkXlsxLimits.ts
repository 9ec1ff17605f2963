import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { UserError } from '../errors/UserError.ts';

/**
 * What a workbook people send may hold. A county roster of a few thousand members is a few MB of sheet XML;
 * these limits leave room for ten times that and stop a zip bomb (1.6 MB that unpacks to 450 MB) before
 * exceljs builds it in memory.
 */
export const XLSX_LIMITS = {
  /** Sum of the unpacked sizes of every part of the file. */
  maxUncompressedBytes: 40 * 1024 * 1024,
  /** Parts of the zip (sheets, styles, rels…): a real workbook has a few dozen. */
  maxEntries: 500,
  /** Rows over all sheets. */
  maxRows: 20_000,
  /** Cells over all sheets. */
  maxCells: 400_000,
} as const;

export type XlsxLimits = { [K in keyof typeof XLSX_LIMITS]: number };

/** A workbook over the limits: a Chinese answer, and never worth a retry (the same bytes fail the same way). */
export class FileTooLargeError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'FileTooLargeError';
  }
}

export interface XlsxFacts {
  entries: number;
  uncompressedBytes: number;
  rows: number;
  cells: number;
}

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1);
}

/**
 * Checks an .xlsx before anything parses it, in bounded memory: first the zip's central directory (declared
 * unpacked sizes, number of parts), then every part is inflated as a stream and thrown away while its real size
 * is counted (yauzl refuses a part that unpacks to more than it declares) and the sheets' `<row>` and `<c>` tags
 * are counted. Throws FileTooLargeError (a UserError) with what was too big and what to do.
 */
export async function checkXlsxLimits(bytes: Buffer, fileName: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxFacts> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch {
    throw new UserError(`「${fileName}」不是有效的 .xlsx 文件，请用 Excel 或 WPS 另存为 .xlsx 后再发送。`);
  }
  const tooBig = (unpacked: number) =>
    new FileTooLargeError(
      `「${fileName}」解压后超过 ${megabytes(limits.maxUncompressedBytes)} MB（约 ${megabytes(unpacked)} MB），不像正常的名册，没有导入。请删去多余的工作表、图片和空白行列，用 Excel 或 WPS 另存为 .xlsx 后再发送。`,
    );

  const entries: Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (entries.length > limits.maxEntries) {
        throw new FileTooLargeError(
          `「${fileName}」里的部件超过 ${limits.maxEntries} 个，不是正常的 Excel 名册，没有导入。请用 Excel 或 WPS 另存为 .xlsx 后再发送。`,
        );
      }
      if (declared > limits.maxUncompressedBytes) throw tooBig(declared);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`「${fileName}」不是有效的 .xlsx 文件，请用 Excel 或 WPS 另存为 .xlsx 后再发送。`);
  }

  let unpacked = 0;
  let rows = 0;
  let cells = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    const counting = SHEET_PART.test(entry.fileName);
    let tail = '';
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        if (unpacked > limits.maxUncompressedBytes) {
          stream.destroy();
          throw tooBig(unpacked);
        }
        if (!counting) continue;
        // Tags are ASCII: latin1 keeps one character per byte, and the last few characters of the chunk are
        // carried over so a tag cut between two chunks is still counted once.
        const text = tail + chunk.toString('latin1');
        rows += countNew(text, tail.length, /<row[\s>/]/g);
        cells += countNew(text, tail.length, /<c[\s>/]/g);
        tail = text.slice(-4);
        if (rows > limits.maxRows) {
          stream.destroy();
          throw new FileTooLargeError(`「${fileName}」超过 ${limits.maxRows} 行，没有导入。请删去空白行，或分成几个文件分别导入。`);
        }
        if (cells > limits.maxCells) {
          stream.destroy();
          throw new FileTooLargeError(`「${fileName}」超过 ${limits.maxCells} 个单元格，没有导入。请删去多余的列和空白行，或分成几个文件分别导入。`);
        }
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      // A part that unpacks to more than it declares, or broken compressed data.
      if (/too many bytes|exceeded/i.test(String((error as Error).message))) throw tooBig(unpacked);
      throw new UserError(`「${fileName}」不是有效的 .xlsx 文件（内容已损坏），请用 Excel 或 WPS 另存为 .xlsx 后再发送。`);
    }
  }
  return { entries: entries.length, uncompressedBytes: unpacked, rows, cells };
}

/** Occurrences of a tag, not counting one that lies wholly inside the carried-over tail (counted last time). */
function countNew(text: string, carried: number, pattern: RegExp): number {
  let n = 0;
  for (const match of text.matchAll(pattern)) if (match.index + match[0].length > carried) n++;
  return n;
}
