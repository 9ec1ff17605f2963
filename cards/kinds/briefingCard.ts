import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

export type BriefingStatus = 'PENDING' | 'ADOPTED' | 'RETURNED';

/** A briefing (简报) as the 组织办 sees it: pending ones carry 采用 / 退回 buttons. */
export interface BriefingModel {
  /** Per organisation per year, e.g. 东湾村〔2026〕3号. */
  number: string;
  title: string;
  organizationName: string;
  author: string;
  submittedOn: string;
  /** The first lines of the text; long texts are cut by the caller's service. */
  excerpt: string[];
  status: BriefingStatus;
  reviewer?: string;
  returnReason?: string;
  /** Commands the buttons run (the briefing area's own syntax). */
  adoptCommand: string;
  returnCommand: string;
}

const statusLine: Record<BriefingStatus, (m: BriefingModel) => string> = {
  PENDING: () => '状态：待组织办审核',
  ADOPTED: (m) => `状态：已采用${m.reviewer ? `（${m.reviewer}）` : ''}`,
  RETURNED: (m) => `状态：已退回${m.reviewer ? `（${m.reviewer}）` : ''}${m.returnReason ? `，原因：${m.returnReason}` : ''}`,
};

export function briefingView(model: BriefingModel): MessageView {
  return {
    kind: 'briefing',
    title: `简报：${model.title}`,
    tone: model.status === 'ADOPTED' ? 'success' : model.status === 'RETURNED' ? 'warning' : 'info',
    lines: [...model.excerpt, statusLine[model.status](model)],
    fields: [
      { label: '编号', value: model.number },
      { label: '报送单位', value: model.organizationName },
      { label: '报送人', value: `${model.author}（${model.submittedOn}）` },
    ],
    ...(model.status === 'PENDING'
      ? {
          buttons: [
            { label: '采用', command: model.adoptCommand, style: 'primary' as const },
            { label: '退回', command: model.returnCommand, style: 'danger' as const },
          ],
          note: '退回时请写明原因，例如：' + `${model.returnCommand} 请补充活动照片`,
        }
      : {}),
  };
}

export function briefingCard(model: BriefingModel): Record<string, unknown> {
  return renderLarkCard(briefingView(model));
}
