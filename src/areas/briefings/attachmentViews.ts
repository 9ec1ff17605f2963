import { byteSize } from '../../core/text/byteSize.ts';
import { ACCEPTED_ATTACHMENTS, attachmentKindNames, type AttachmentKind } from './detectAttachmentType.ts';
import type { AttachmentRejectedError } from './prepareAttachment.ts';
import type { LinkResult } from './linkAttachments.ts';
import type { Collected } from './collectAttachments.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { localDateTime } from '../../core/time/clock.ts';

export interface ListedAttachment {
  id: number;
  fileName: string;
  file: { mimeType: string; sizeBytes: number };
}

export function attachmentKindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image';
  return mimeType === 'application/pdf' ? 'pdf' : 'word';
}

/** 「3 个（图片 2、PDF 1）」 */
export function attachmentCount(list: readonly { file: { mimeType: string } }[]): string {
  const counts = new Map<AttachmentKind, number>();
  for (const a of list) counts.set(attachmentKindOf(a.file.mimeType), (counts.get(attachmentKindOf(a.file.mimeType)) ?? 0) + 1);
  const parts = (['image', 'pdf', 'word'] as const).filter((k) => counts.has(k)).map((k) => `${attachmentKindNames[k]} ${counts.get(k)}`);
  return `${list.length} 个（${parts.join('、')}）`;
}

/**
 * One line per attachment, with its link when the chat can open one: `附件 7：活动照片.jpg（图片，36 KB） https://…`.
 * `link` is null when the service has no public address for this chat (the caller says so once).
 */
export function attachmentLines(list: readonly ListedAttachment[], link: ((attachmentId: number) => string) | null): string[] {
  return list.map((a) => {
    const what = `附件 ${a.id}：${a.fileName}（${attachmentKindNames[attachmentKindOf(a.file.mimeType)]}，${byteSize(a.file.sizeBytes)}）`;
    return link ? `${what} ${link(a.id)}` : what;
  });
}

/** Why one file was not kept, and what to send instead. */
export function rejectionText(error: AttachmentRejectedError, maxBytes: number): string {
  const name = error.fileName ? `「${error.fileName}」` : '这张图片';
  const r = error.rejection;
  if (r.reason === 'empty') return `${name}是空文件，请重新发送`;
  if (r.reason === 'too_large') return `${name}太大（${byteSize(r.sizeBytes)}），附件最大 ${byteSize(maxBytes)}，请压缩后重新发送`;
  const seen = r.seen ? `（看起来是${r.seen}）` : '（无法识别的文件）';
  return `${name}不是图片、Word 或 PDF 文件${seen}，不能作为简报附件；只收${ACCEPTED_ATTACHMENTS}`;
}

export interface ReceiptInput {
  briefing: { id: number; label: string };
  results: readonly LinkResult[];
  collected: Pick<Collected, 'rejected' | 'failed'>;
  /** Every attachment the 简报 shows now. */
  shown: readonly { file: { mimeType: string } }[];
  /** While the window is open; null when it is not. */
  until: Date | null;
  tz: string;
  maxBytes: number;
}

/** The answer to pictures and files added to a 简报 (in its window or after /简报 附件): what was kept, what not and why. */
export function attachmentReceiptView(input: ReceiptInput): MessageView {
  const { briefing, results, collected } = input;
  const added = results.filter((r) => r.status === 'added');
  const duplicates = results.filter((r): r is Extract<LinkResult, { status: 'duplicate' }> => r.status === 'duplicate');
  const notKept = collected.rejected.length + collected.failed.length;
  const all = results.length + notKept;
  const lines: string[] = [];
  if (added.length > 0) lines.push(`已附上：${added.map((r) => `${r.file.fileName}（附件 ${r.attachmentId}）`).join('、')}。`);
  for (const d of duplicates) {
    lines.push(
      d.earlier
        ? `「${d.file.fileName}」这期简报已经有了（附件 ${d.attachmentId}，${localDateTime(d.earlier.createdAt, input.tz).toFormat('M月d日')}由${d.earlier.uploaderName}附上），不再重复保存。`
        : `「${d.file.fileName}」在这条消息里重复了，只保存一份。`,
    );
  }
  for (const r of collected.rejected) lines.push(`没有保存：${rejectionText(r, input.maxBytes)}。`);
  for (const f of collected.failed) lines.push(`没有收到：${f}。`);
  lines.push(input.shown.length > 0 ? `这期简报现有附件 ${attachmentCount(input.shown)}。` : '这期简报还没有附件。');
  if (input.until) lines.push(windowLine(input.until, input.tz));
  const title =
    notKept === all
      ? `附件没有保存：${briefing.label}`
      : notKept > 0
        ? `部分附件没有保存：${briefing.label}`
        : added.length === 0
          ? `附件已经有了：${briefing.label}`
          : `附件已附到简报：${briefing.label}`;
  return {
    kind:
      notKept === all ? 'briefing_attachments_rejected' : added.length === 0 && notKept === 0 ? 'briefing_attachments_duplicate' : 'briefing_attachments_added',
    title,
    tone: notKept === all ? 'error' : notKept > 0 ? 'warning' : added.length === 0 ? 'info' : 'success',
    lines,
    buttons: [{ label: '查看简报和附件', command: `/查看简报 ${briefing.id}` }],
  };
}

/** The line every receipt with an open window ends with. */
export function windowLine(until: Date, tz: string): string {
  return `${localDateTime(until, tz).toFormat('HH:mm')} 前你发到这里的图片和 Word、PDF 文件都会附到这期简报（不作为痕迹照片）；发完可发送 /简报 附件 结束。`;
}
