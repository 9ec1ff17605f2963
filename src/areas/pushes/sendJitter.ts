import { createHash } from 'node:crypto';

/**
 * A minute of the hour for an organisation's scheduled messages: deterministic per organisation and kind,
 * never within two minutes of :00 or :30 (Feishu and every other platform are busiest exactly then).
 * Minutes 3–27 and 33–57: 50 slots, so a county's 900 branches spread over the hour.
 */
export function jitterMinute(organizationId: number, salt = ''): number {
  const digest = createHash('sha256').update(`${salt}:${organizationId}`).digest();
  const slot = digest.readUInt32BE(0) % 50;
  return slot < 25 ? 3 + slot : 33 + (slot - 25);
}
