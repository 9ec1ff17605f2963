import type { LarkEnvelope } from './larkEventSchemas.ts';

const HEADER_FIELDS = ['event_id', 'event_type', 'create_time', 'token', 'app_id', 'tenant_key'] as const;

/**
 * The SDK's EventDispatcher flattens a v2 event (header fields and event fields side by side); this puts the
 * envelope back together so the long connection and the webhook share one normaliser.
 */
export function envelopeFromDispatcher(data: Record<string, unknown>): LarkEnvelope {
  const header: Record<string, string> = {};
  for (const field of HEADER_FIELDS) {
    const value = data[field];
    if (typeof value === 'string') header[field] = value;
  }
  return {
    schema: '2.0',
    header: { event_id: header.event_id ?? '', event_type: header.event_type ?? '', ...header },
    event: data,
  };
}
