import type { MessageView, Tone } from '../MessageView.ts';
import { renderLarkCard } from '../render/renderLarkCard.ts';

/** The answer to an ordinary command: a title, a few lines, optional label/value pairs. */
export interface CommandReplyModel {
  title: string;
  lines?: string[];
  fields?: { label: string; value: string }[];
  tone?: Tone;
  note?: string;
}

export function commandReplyView(model: CommandReplyModel): MessageView {
  return {
    kind: 'command_reply',
    title: model.title,
    tone: model.tone ?? 'info',
    ...(model.lines?.length ? { lines: model.lines } : {}),
    ...(model.fields?.length ? { fields: model.fields } : {}),
    ...(model.note ? { note: model.note } : {}),
  };
}

export function commandReplyCard(model: CommandReplyModel): Record<string, unknown> {
  return renderLarkCard(commandReplyView(model));
}
