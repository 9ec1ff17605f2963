import type { MessageView } from '../MessageView.ts';
import { dingTalkTitle, renderDingTalkMarkdownBody } from './renderDingTalkMarkdown.ts';

export interface DingTalkCardButton {
  /** The action id DingTalk sends back in the callback (`cardPrivateData.actionIds`). */
  id: string;
  text: string;
  color: 'blue' | 'red' | 'gray';
  request: true;
}

export interface DingTalkCard {
  /** The card's variables (`cardData.cardParamMap`: every value a string). */
  cardParamMap: Record<string, string>;
  /** Action id → the command the button runs. */
  commands: Record<string, string>;
}

const colors: Record<'primary' | 'danger' | 'default', DingTalkCardButton['color']> = { primary: 'blue', danger: 'red', default: 'gray' };

/** Finished state of the general template (flowStatus 3): shown as is, no spinner. */
export const CARD_FINISHED = '3';

/**
 * A view as the variables of DingTalk's general card template (msgTitle, msgContent as markdown, msgButtons in
 * sys_full_json_obj; the template the official Stream SDKs use for markdown-with-buttons cards). Each button is a
 * `request` action whose click comes back over the Stream connection (TOPIC_CARD) with the button's id; `commands`
 * says which command each id runs.
 */
export function renderDingTalkCard(view: MessageView): DingTalkCard {
  const { body, note } = renderDingTalkMarkdownBody(view);
  const buttons: DingTalkCardButton[] = (view.buttons ?? []).map((button, index) => ({
    id: `zb_${index}`,
    text: button.label,
    color: colors[button.style ?? 'default'],
    request: true,
  }));
  const commands = Object.fromEntries((view.buttons ?? []).map((button, index) => [`zb_${index}`, button.command]));
  return {
    cardParamMap: {
      msgTitle: dingTalkTitle(view),
      // The template has no separate small-print slot: the note (grey) ends the content.
      msgContent: [body, note].filter(Boolean).join('\n\n'),
      flowStatus: CARD_FINISHED,
      sys_full_json_obj: JSON.stringify({ order: ['msgTitle', 'msgContent', 'msgButtons'], msgButtons: buttons }),
    },
    commands,
  };
}
