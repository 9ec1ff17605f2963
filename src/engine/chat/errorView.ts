import type { MessageView } from '../../../cards/MessageView.ts';

export function errorView(message: string, note?: string, kind = 'error'): MessageView {
  return { kind, title: '没能办理', tone: 'error', lines: [message], ...(note ? { note } : {}) };
}

export function apologyView(referenceId: string): MessageView {
  return {
    kind: 'internal_error',
    title: '系统出错了',
    tone: 'error',
    lines: ['抱歉，处理这条消息时系统出错了，请稍后再试；多次出错请联系组织办。'],
    note: `参考编号：${referenceId}`,
  };
}
