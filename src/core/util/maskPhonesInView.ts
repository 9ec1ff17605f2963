import type { MessageView } from '../../../cards/MessageView.ts';
import { maskPhonesInText } from './maskPhone.ts';

/** Keys whose strings are not shown text: file bytes and the command a button runs. */
const KEEP = new Set(['file', 'command']);

function mask(value: unknown, key: string | null): unknown {
  if (key !== null && KEEP.has(key)) return value;
  if (typeof value === 'string') return maskPhonesInText(value);
  if (Array.isArray(value)) return value.map((item) => mask(item, null));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mask(v, k)]));
  }
  return value;
}

/**
 * Masks every mobile number in a message's shown text (title, lines, fields, table cells, notes, button
 * labels). Text people typed (a 加分 reason, a problem's 责任人 with a phone) is echoed in replies, boards and
 * digests; a full phone number must never reach a chat, so every view is masked on its way out.
 */
export function maskPhonesInView(view: MessageView): MessageView {
  return mask(view, null) as MessageView;
}
