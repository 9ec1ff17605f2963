import type { MessageView } from '../MessageView.ts';
import { escapeMarkdown } from './escapeMarkdown.ts';

const headerTemplate: Record<MessageView['tone'], string> = {
  info: 'blue',
  success: 'green',
  warning: 'orange',
  error: 'red',
};

type CardElement = Record<string, unknown>;

/** Feishu card JSON 2.0 for a view. Buttons carry their command in the callback value. */
export function renderLarkCard(view: MessageView): Record<string, unknown> {
  const elements: CardElement[] = [];
  if (view.lines && view.lines.length > 0) {
    elements.push({ tag: 'markdown', content: view.lines.map(escapeMarkdown).join('\n') });
  }
  if (view.fields && view.fields.length > 0) {
    elements.push({
      tag: 'markdown',
      content: view.fields.map((f) => `**${escapeMarkdown(f.label)}**：${escapeMarkdown(f.value)}`).join('\n'),
    });
  }
  for (const section of view.sections ?? []) {
    elements.push({ tag: 'hr' });
    elements.push({
      tag: 'markdown',
      content: [`**${escapeMarkdown(section.heading)}**`, ...section.lines.map(escapeMarkdown)].join('\n'),
    });
  }
  if (view.table && view.table.rows.length > 0) {
    elements.push({
      tag: 'table',
      page_size: Math.min(10, view.table.rows.length),
      columns: view.table.columns.map((name, i) => ({ name: `c${i}`, display_name: name, data_type: 'text' })),
      rows: view.table.rows.map((row) => Object.fromEntries(row.map((cell, i) => [`c${i}`, cell]))),
    });
  }
  const buttons = (view.buttons ?? []).map((button) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: button.label },
    type: button.style === 'danger' ? 'danger' : button.style === 'primary' ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value: { command: button.command } }],
  }));
  if (buttons.length === 1) elements.push(buttons[0]!);
  if (buttons.length > 1) {
    // Side by side on one row, each as wide as its label.
    elements.push({
      tag: 'column_set',
      flex_mode: 'flow',
      horizontal_spacing: 'small',
      columns: buttons.map((button) => ({ tag: 'column', width: 'auto', elements: [button] })),
    });
  }
  if (view.note) elements.push({ tag: 'markdown', content: escapeMarkdown(view.note), text_size: 'notation' });
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: view.title }, template: headerTemplate[view.tone] },
    body: { elements },
  };
}
