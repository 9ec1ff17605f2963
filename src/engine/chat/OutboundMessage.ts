import type { Platform } from '../../core/generated/prisma/enums.ts';
import type { MessageView } from '../../../cards/MessageView.ts';

/** One message for one chat, as it travels on the outbound queue. */
export interface OutboundMessage {
  /** Stable across retries: the outbound job id and the platform's idempotency key (Lark `uuid`). */
  deliveryId: string;
  platform: Platform;
  chatId: string;
  view: MessageView;
  /** Reply in the thread of this platform message where the platform supports it. */
  replyToMessageId?: string;
  /** Replace this earlier bot message (a card after a button click) instead of sending a new one. */
  updateMessageId?: string;
  /** The inbound event this answers, for logs. */
  eventKey?: string;
  /** A PNG to send along where a picture reads better than text (boards, digests). */
  imageBase64?: string;
  /** A file to send along (an exported .xlsx) where the platform allows files; the view also carries a download link. */
  file?: { fileName: string; base64: string };
}
