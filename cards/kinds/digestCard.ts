import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

/** A periodic digest for the leading group: a period, a few headline figures, then parts. */
export interface DigestModel {
  /** e.g. 2026年3月第2周 */
  period: string;
  scope: string;
  headline: { label: string; value: string }[];
  parts: { heading: string; lines: string[] }[];
}

export function digestView(model: DigestModel): MessageView {
  const parts = model.parts.map((p) => ({ heading: p.heading, lines: p.lines.length > 0 ? p.lines : ['（无）'] }));
  return {
    kind: 'digest',
    title: `${model.scope}党建工作简况 · ${model.period}`,
    tone: 'info',
    ...(model.headline.length ? { fields: model.headline } : {}),
    ...(parts.length ? { sections: parts } : {}),
    note: '发送 /未交 查看还没报送的支部，发送 /进度 查看本支部进度。',
  };
}

export function digestCard(model: DigestModel): Record<string, unknown> {
  return renderLarkCard(digestView(model));
}
