import type { MessageView } from '../../../cards/MessageView.ts';
import { truncate } from '../../core/text/truncate.ts';
import { briefingLabel, kindNames } from './briefingLabel.ts';
import type { BriefingKind } from '../../core/generated/prisma/enums.ts';
import { attachmentCount, type ListedAttachment } from './attachmentViews.ts';

export interface ViewBriefing {
  id: number;
  kind: BriefingKind;
  year: number;
  seq: number;
  title: string;
  body: string;
  organization: { name: string; shortName: string | null };
  author: { name: string };
}

const PREVIEW_CHARS = 300;

/**
 * The card the 组织办 gets in the leading-group group, with 采用 / 退回 buttons. A 简报 lists the attachments sent
 * with it and says more may follow in its window: the reviewer sees them all with /查看简报 (a group card carries
 * no personal link).
 */
export function reviewRequestView(
  b: ViewBriefing,
  activityText: string | null,
  files: { attachments: readonly ListedAttachment[]; windowMinutes: number } | null = null,
): MessageView {
  const what = kindNames[b.kind];
  const attachments = files?.attachments ?? [];
  return {
    kind: 'briefing_review_request',
    title: `新${what}待审：${briefingLabel(b)}`,
    tone: 'info',
    fields: [
      { label: '编号', value: String(b.id) },
      { label: '标题', value: b.title },
      { label: '报送', value: `${b.author.name}（${b.organization.name}）` },
      ...(activityText ? [{ label: '关联活动', value: activityText }] : []),
      { label: '正文', value: truncate(b.body, PREVIEW_CHARS) },
      ...(files
        ? [{ label: '附件', value: attachments.length > 0 ? `${attachmentCount(attachments)}：${attachments.map((a) => a.fileName).join('、')}` : '暂无' }]
        : []),
    ],
    buttons: [
      { label: '采用', command: `/采用 ${b.id}`, style: 'primary' },
      { label: '退回（需写原因）', command: `/退回 ${b.id}`, style: 'danger' },
      ...(files
        ? [{ label: '看全文和附件', command: `/查看简报 ${b.id}` }]
        : b.body.length > PREVIEW_CHARS
          ? [{ label: '看全文', command: `/查看简报 ${b.id}` }]
          : []),
    ],
    note: files
      ? `作者可在报送后 ${files.windowMinutes} 分钟内补发图片和 Word、PDF 附件，审核前请发送 /查看简报 ${b.id} 查看全部附件。退回请写原因：/退回 ${b.id} <原因>`
      : `退回请写原因：/退回 ${b.id} <原因>`,
  };
}

/** What the author reads in their group after the 组织办 decided. */
export function reviewResultView(b: ViewBriefing & { returnReason: string | null }, decision: 'ADOPTED' | 'RETURNED', reviewerName: string): MessageView {
  const what = kindNames[b.kind];
  const label = briefingLabel(b);
  if (decision === 'ADOPTED') {
    return {
      kind: 'briefing_adopted',
      title: `${what}已采用：${label}`,
      tone: 'success',
      lines: [
        `${b.author.name}同志，你报送的${what}《${b.title}》已被组织办采用。`,
        b.kind === 'BRIEFING' ? '采用的简报将编入领导小组的工作动态。' : '这篇心得被选为优秀学习心得，将在领导小组的工作动态中展示。',
      ],
      note: `审核人：${reviewerName}`,
    };
  }
  return {
    kind: 'briefing_returned',
    title: `${what}被退回：${label}`,
    tone: 'warning',
    lines: [
      `${b.author.name}同志，你报送的${what}《${b.title}》被组织办退回。`,
      `退回原因：${b.returnReason ?? '（未写明）'}`,
      `修改后请重新发送 /${what === '简报' ? '简报' : '学习心得'} <标题> 报送。`,
    ],
    note: `审核人：${reviewerName}`,
  };
}
