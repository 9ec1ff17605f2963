import type { Redis } from 'ioredis';
import type { MessageView } from '../cards/MessageView.ts';
import type { ReplyWaiter } from '../bots/ChatAdapter.ts';
import { JobWaiter } from './JobWaiter.ts';
import { outboundJobId, type InboundResult, type Queues } from './queues.ts';

export interface InboundRepliesOptions {
  queues: Pick<Queues, 'inbound' | 'outbound'>;
  /** A separate connection for QueueEvents (blocking reads). */
  eventsConnection: () => Redis;
  prefix: string;
}

/** The queues' side of ReplyWaiter. Its subscriptions open on the first wait, so an adapter nobody clicks costs none. */
export class InboundReplies implements ReplyWaiter {
  private inbound?: JobWaiter;
  private outbound?: JobWaiter;

  constructor(private readonly options: InboundRepliesOptions) {}

  whenReady(timeoutMs: number): Promise<void> {
    return this.inboundWaiter().whenReady(timeoutMs);
  }

  handled(jobId: string, timeoutMs: number): Promise<InboundResult | null | undefined> {
    return this.inboundWaiter().wait<InboundResult | null | undefined>(jobId, timeoutMs);
  }

  async sent(deliveryIds: string[], timeoutMs: number): Promise<void> {
    this.outbound ??= new JobWaiter(this.options.queues.outbound, this.options.eventsConnection(), this.options.prefix);
    await Promise.all(deliveryIds.map((id) => this.outbound!.wait(outboundJobId(id), timeoutMs)));
  }

  async queuedView(deliveryId: string): Promise<MessageView | null> {
    const job = await this.options.queues.outbound.getJob(outboundJobId(deliveryId));
    return job ? job.data.view : null;
  }

  async close(): Promise<void> {
    await Promise.all([this.inbound?.close(), this.outbound?.close()]);
  }

  private inboundWaiter(): JobWaiter {
    this.inbound ??= new JobWaiter(this.options.queues.inbound, this.options.eventsConnection(), this.options.prefix);
    return this.inbound;
  }
}
