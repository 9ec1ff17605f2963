import { createHash } from 'node:crypto';

/**
 * Feishu's idempotency key for a send (`uuid`, at most 50 characters, deduplicated for an hour): derived from
 * the delivery id, so a retried job, or a second worker picking the same job, never posts the message twice.
 */
export function larkUuid(deliveryId: string): string {
  return `zb-${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}`;
}
