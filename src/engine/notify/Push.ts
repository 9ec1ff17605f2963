import type { NotifyTarget } from '../commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';

/** One scheduled message: `key` names what, for whom, for which day ("remind:org12:2026-11-28"). */
export interface Push {
  key: string;
  /** PushLog.kind: reminder | escalation | overdue | points | stars | digest … */
  kind: string;
  target: NotifyTarget;
  view: MessageView;
  /** When it should reach the chat; earlier than now means at once. */
  sendAt?: Date;
}

export interface EnqueueResult {
  /** Pushes handed to the outbound queue now. */
  enqueued: number;
  /** Pushes already done before (PushLog had the key). */
  skipped: number;
  /** Outbound messages (one per bound chat of each target). */
  messages: number;
  /** Pushes whose organisation has no bound group of that purpose. */
  unbound: number;
}

/** Hands pushes to delivery exactly once (jobs/enqueueViews.ts); areas get it passed in from src/app. */
export type EnqueuePushes = (pushes: Push[], now: Date) => Promise<EnqueueResult>;
