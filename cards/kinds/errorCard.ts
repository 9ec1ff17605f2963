import type { MessageView } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

/** A user's mistake (what was wrong, the right form) or an internal error (an apology with a reference id). */
export type ErrorModel =
  | { kind: 'user'; message: string; usage?: string }
  | { kind: 'internal'; referenceId: string };

export function errorCardView(model: ErrorModel): MessageView {
  if (model.kind === 'internal') {
    return {
      kind: 'internal_error',
      title: '系统出错了',
      tone: 'error',
      lines: ['抱歉，处理这条消息时系统出错了，请稍后再试；多次出错请联系组织办。'],
      note: `参考编号：${model.referenceId}`,
    };
  }
  return {
    kind: 'error',
    title: '没能办理',
    tone: 'error',
    lines: [model.message],
    ...(model.usage ? { note: `正确写法：${model.usage}` } : {}),
  };
}

export function errorCard(model: ErrorModel): Record<string, unknown> {
  return renderLarkCard(errorCardView(model));
}
