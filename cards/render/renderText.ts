import type { MessageView } from '../MessageView.ts';

const toneMark: Record<MessageView['tone'], string> = { info: '', success: '✅ ', warning: '⚠️ ', error: '❌ ' };

/**
 * Plain text for chat windows on a phone: short lines, no wide tables (rows become "a · b · c" lines).
 */
export function renderText(view: MessageView): string {
  const out: string[] = [`${toneMark[view.tone]}【${view.title}】`];
  for (const line of view.lines ?? []) out.push(line);
  for (const field of view.fields ?? []) out.push(`${field.label}：${field.value}`);
  for (const section of view.sections ?? []) {
    out.push(`— ${section.heading} —`);
    for (const line of section.lines) out.push(line);
  }
  if (view.table && view.table.rows.length > 0) {
    out.push(view.table.columns.join(' · '));
    for (const row of view.table.rows) out.push(row.join(' · '));
  }
  if (view.buttons && view.buttons.length > 0) {
    out.push(view.buttons.map((b) => `回复「${b.command}」${b.label}`).join('；'));
  }
  if (view.note) out.push(view.note);
  return out.join('\n');
}
