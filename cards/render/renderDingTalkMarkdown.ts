import type { MessageView } from '../MessageView.ts';

const toneMark: Record<MessageView['tone'], string> = { info: '', success: '✅ ', warning: '⚠️ ', error: '❌ ' };

/** A hard line break in DingTalk markdown (a bare "\n" is not one in every client). */
const BREAK = '  \n';

/** The title line as every platform shows it: tone mark, then 【title】. */
export function dingTalkTitle(view: MessageView): string {
  return `${toneMark[view.tone]}【${view.title}】`;
}

/**
 * The body of a view in DingTalk markdown, without title and buttons: blocks (lines, fields, sections, table,
 * note) separated by a blank line, lines inside a block by hard breaks. Fields are `**label**：value`, a section
 * starts with `**— heading —**`, table rows are `a · b · c` (DingTalk markdown has no tables), and the note is
 * grey small print. Nothing is escaped: DingTalk's markdown has no escape character.
 */
export function renderDingTalkMarkdownBody(view: MessageView): { body: string; note?: string } {
  const blocks: string[] = [];
  if (view.lines && view.lines.length > 0) blocks.push(view.lines.join(BREAK));
  if (view.fields && view.fields.length > 0) blocks.push(view.fields.map((f) => `**${f.label}**：${f.value}`).join(BREAK));
  for (const section of view.sections ?? []) blocks.push([`**— ${section.heading} —**`, ...section.lines].join(BREAK));
  if (view.table && view.table.rows.length > 0) {
    blocks.push([view.table.columns.join(' · '), ...view.table.rows.map((row) => row.join(' · '))].join(BREAK));
  }
  const note = view.note ? `<font color=common_level3_base_color>${view.note}</font>` : undefined;
  return { body: blocks.join('\n\n'), ...(note ? { note } : {}) };
}

/**
 * A view as DingTalk's `sampleMarkdown` message: `title` is what the notification and the chat list show,
 * `text` the message. Views with buttons go out as interactive cards instead (renderDingTalkCard).
 */
export function renderDingTalkMarkdown(view: MessageView): { title: string; text: string } {
  const { body, note } = renderDingTalkMarkdownBody(view);
  const buttons = (view.buttons ?? []).map((b) => `回复「${b.command}」${b.label}`).join('；');
  const text = [`### ${dingTalkTitle(view)}`, body, buttons, note].filter(Boolean).join('\n\n');
  return { title: view.title, text };
}
