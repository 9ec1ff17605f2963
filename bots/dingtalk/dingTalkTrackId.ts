import { createHash } from 'node:crypto';

/**
 * A card's `outTrackId` (DingTalk's id of a card instance, chosen by the sender): derived from the delivery id, so
 * a retried job or a second worker names the same card, and the click callback can be traced back to it.
 */
export function dingTalkTrackId(deliveryId: string): string {
  return `zb-${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}`;
}
