import { crc32, createDeflateRaw } from 'node:zlib';
import { part, zip, type ZipPart } from './makeZip.ts';

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts every workbook needs besides its one sheet (名册). */
function frame(): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
}

/** Deflates `head`, then `filler` repeated until `totalBytes`, then `tail`, as a stream (never all in memory). */
async function deflateRepeated(head: string, filler: Buffer, totalBytes: number, tail: string): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.once('end', resolve);
    deflate.once('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (bytes: Buffer) => {
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head, 'utf8'));
  while (size + filler.length <= totalBytes) await write(filler);
  await write(Buffer.from(tail, 'utf8'));
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

export interface BombOptions {
  /** What the sheet unpacks to (default about 450 MB). */
  unpackedBytes?: number;
  /** The headers claim the sheet is 1 KB: only reading the stream finds out. */
  lying?: boolean;
}

/**
 * An .xlsx whose one sheet holds a header row and one cell of a single letter repeated: well under 1 MB on disk,
 * about 450 MB unpacked (deflate's best ratio is about 1:1000). Built at test time; never committed.
 */
export async function makeXlsxBomb(options: BombOptions = {}): Promise<Buffer> {
  const unpacked = options.unpackedBytes ?? 450 * 1024 * 1024;
  const head = `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>组织</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>手机</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>`;
  const tail = `</t></is></c></row>${SHEET_TAIL}`;
  const sheet = await deflateRepeated(head, Buffer.alloc(1024 * 1024, 'A'), unpacked, tail);
  return zip([...frame(), { name: 'xl/worksheets/sheet1.xml', ...sheet, ...(options.lying ? { declaredSize: 1024 } : {}) }]);
}

/** A small workbook (a few hundred KB unpacked per thousand rows) with `rows` data rows of three cells. */
export async function makeXlsxWithRows(rows: number): Promise<Buffer> {
  const row = (n: number) =>
    `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>东湾村党支部</t></is></c><c r="B${n}" t="inlineStr"><is><t>党员${n}</t></is></c><c r="C${n}"><v>${13900000000 + n}</v></c></row>`;
  const lines = [
    SHEET_HEAD,
    '<row r="1"><c r="A1" t="inlineStr"><is><t>组织</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>手机</t></is></c></row>',
  ];
  for (let n = 2; n <= rows + 1; n++) lines.push(row(n));
  lines.push(SHEET_TAIL);
  return zip([...frame(), part('xl/worksheets/sheet1.xml', lines.join(''))]);
}
