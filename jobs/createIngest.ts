import type { Ingest } from '../bots/ChatAdapter.ts';
import type { ChatEvent } from '../src/engine/chat/ChatEvent.ts';
import { batchedAdds } from './batchedAdds.ts';
import { inboundJobId, type Queues } from './queues.ts';

export interface IngestOptions {
  /** Decides from the event alone whether it can concern the bot; the rest is dropped before the queue. */
  mayConcernBot?: (event: ChatEvent) => boolean;
}

/** The one way an adapter hands an event to the workers: durable, de-duplicated by the platform's id. */
export function createIngest(queues: Pick<Queues, 'inbound'>, options: IngestOptions = {}): Ingest {
  const add = batchedAdds(queues.inbound);
  return async (event) => {
    // Most messages in a work group are people talking to each other: no job, no database row, no statement.
    if (options.mayConcernBot && !options.mayConcernBot(event)) return { queued: false, jobId: null };
    const jobId = inboundJobId(event);
    await add(event.kind, event, { jobId });
    return { queued: true, jobId };
  };
}
