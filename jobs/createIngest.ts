import type { Ingest } from '../bots/ChatAdapter.ts';
import { inboundJobId, type Queues } from './queues.ts';

/** The one way an adapter hands an event to the workers: durable, de-duplicated by the platform's id. */
export function createIngest(queues: Pick<Queues, 'inbound'>): Ingest {
  return async (event) => {
    const jobId = inboundJobId(event);
    await queues.inbound.add(event.kind, event, { jobId });
    return { queued: true, jobId };
  };
}
