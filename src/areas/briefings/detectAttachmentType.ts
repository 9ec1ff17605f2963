import { fileTypeFromBuffer } from 'file-type';
import { ACCEPTED_IMAGE_TYPES } from '../traces/detectImageType.ts';

export type AttachmentKind = 'image' | 'pdf' | 'word';

export interface AttachmentType {
  kind: AttachmentKind;
  ext: string;
  mime: string;
}

/** What a 简报 takes, as people are told it. */
export const ACCEPTED_ATTACHMENTS = '图片（JPG、PNG、GIF、WebP、HEIC）、Word（.doc、.docx）和 PDF 文件';

export const attachmentKindNames: Record<AttachmentKind, string> = { image: '图片', pdf: 'PDF', word: 'Word' };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOC = 'application/msword';

/** What a refused file really is, by the format file-type finds, in the words of whoever sent it. */
const SEEN: [RegExp, string][] = [
  [/^(exe|dll|elf|macho|msi|apk|dmg|deb|rpm|class|wasm|swf|lnk)$/, '可执行程序'],
  [/^(zip|rar|7z|gz|tar|bz2|xz|zst|cab|lz|lzh|arj)$/, '压缩包'],
  [/^(xlsx|xls|xlsm|ods)$/, 'Excel 表格'],
  [/^(pptx|ppt|pptm|odp)$/, 'PPT 演示文稿'],
  [/^(docm|dotm|dotx)$/, '带宏或模板的 Word 文件'],
  [/^(mp4|mov|avi|mkv|webm|flv|3gp|wmv|m4v)$/, '视频'],
  [/^(mp3|m4a|wav|aac|amr|ogg|flac|silk)$/, '音频'],
  [/^(bmp|tif|tiff|ico|psd|svg|avif|jxl)$/, '这种格式的图片'],
];

export type Detected = { ok: AttachmentType } | { refused: string | null };

/**
 * The kind of a file from its content, never from its name: pictures as 痕迹 takes them, PDF (a `%PDF-` header and
 * an `%%EOF` at the end: a download cut short is not kept), .docx (an Office Open XML word package) and the old
 * .doc (an OLE compound file holding a `WordDocument` stream). Anything else is refused with what it looks like
 * (null when nothing is recognised, e.g. plain text).
 */
export async function detectAttachmentType(bytes: Buffer): Promise<Detected> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return { refused: null };
  const imageExt = ACCEPTED_IMAGE_TYPES[found.mime];
  if (imageExt) return { ok: { kind: 'image', ext: imageExt, mime: found.mime } };
  if (found.mime === 'application/pdf') {
    const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
    return tail.includes('%%EOF') ? { ok: { kind: 'pdf', ext: 'pdf', mime: found.mime } } : { refused: '不完整的 PDF（可能没有下载或导出完）' };
  }
  if (found.mime === DOCX) return { ok: { kind: 'word', ext: 'docx', mime: DOCX } };
  if (found.ext === 'cfb') {
    // An OLE compound file names its streams in UTF-16: Word's is WordDocument, Excel's Workbook, PowerPoint's "PowerPoint Document".
    if (bytes.includes(Buffer.from('WordDocument', 'utf16le'))) return { ok: { kind: 'word', ext: 'doc', mime: DOC } };
    if (bytes.includes(Buffer.from('Workbook', 'utf16le'))) return { refused: 'Excel 表格' };
    if (bytes.includes(Buffer.from('PowerPoint Document', 'utf16le'))) return { refused: 'PPT 演示文稿' };
    return { refused: '旧版 Office 文件（不是 Word 文档）' };
  }
  const seen = SEEN.find(([pattern]) => pattern.test(found.ext));
  return { refused: seen ? seen[1] : `${found.ext.toUpperCase()} 文件` };
}
