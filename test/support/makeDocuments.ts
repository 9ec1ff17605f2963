import PDFDocument from 'pdfkit';
import { part, zip } from './makeZip.ts';

/** A real one-page PDF (pdfkit), different for each `text`. */
export async function makePdf(text = '东湾村主题党日活动方案'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'test', CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  // The Latin built-in font draws any code units; the text only has to make each file's bytes differ.
  doc.text(Buffer.from(text, 'utf8').toString('hex'));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A minimal Office Open XML word package (.docx) as Word writes its parts. */
export function makeDocx(text = '活动总结'): Buffer {
  return zip([
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    part(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  ]);
}

/**
 * The start of an old .doc: the OLE compound-file header and a directory sector naming the `WordDocument` stream
 * (UTF-16), which is what tells a Word file from an Excel or PowerPoint one of the same container.
 */
export function makeDoc(stream: 'WordDocument' | 'Workbook' = 'WordDocument'): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const directory = Buffer.alloc(512);
  const name = Buffer.from(`${stream}\0`, 'utf16le');
  name.copy(directory, 128);
  directory.writeUInt16LE(name.length, 128 + 64);
  directory[128 + 66] = 2; // a stream
  return Buffer.concat([header, directory, Buffer.alloc(512, 0x20)]);
}

/** A Windows program: the `MZ` header file-type recognises, whatever the file is named. */
export function makeExe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
