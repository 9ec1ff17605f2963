import type { Queue } from 'bullmq';
import type { Db } from '../src/core/db/openDatabase.ts';
import type { EnqueueResult, Push } from '../src/engine/notify/Push.ts';
import type { OutboundMessage } from '../src/engine/chat/OutboundMessage.ts';
import { resolveNotifyTargetsMany } from '../src/engine/notify/resolveNotifyTargetsMany.ts';
import { outboundJobId } from './queues.ts';
import { maskPhonesInView } from '../src/core/util/maskPhonesInView.ts';

/** The delivery id of a push in a chat: the same on every retry, restart and worker. */
export function pushDeliveryId(key: string, chat: { platform: string; chatId: string }): string {
  return `push:${key}:${chat.platform}:${chat.chatId}`;
}

/**
 * Hands pushes to the outbound queue exactly once.
 *
 * 1. Pushes whose key is in PushLog are skipped (done on an earlier run).
 * 2. The rest are added with deterministic job ids (BullMQ ignores an id it already holds, and the outbound
 *    processor never re-sends a delivery marked SENT), so a run that died between 2 and 3 repeats nothing.
 * 3. Their keys are written to PushLog.
 * Two workers running the same schedule at once both reach step 2 with the same ids: one message each.
 */
export async function enqueueViews(
  deps: { db: Db; outbound: Pick<Queue<OutboundMessage>, 'addBulk'> },
  pushes: Push[],
  now: Date,
  chunkSize = 500,
): Promise<EnqueueResult> {
  const result: EnqueueResult = { enqueued: 0, skipped: 0, messages: 0, unbound: 0 };
  const unique = [...new Map(pushes.map((p) => [p.key, p])).values()];
  for (let i = 0; i < unique.length; i += chunkSize) {
    const chunk = unique.slice(i, i + chunkSize);
    const done = new Set((await deps.db.pushLog.findMany({ where: { key: { in: chunk.map((p) => p.key) } }, select: { key: true } })).map((r) => r.key));
    const todo = chunk.filter((p) => !done.has(p.key));
    result.skipped += chunk.length - todo.length;
    if (todo.length === 0) continue;
    const chats = await resolveNotifyTargetsMany(
      deps.db,
      todo.map((p) => p.target),
    );
    const jobs: Parameters<Queue<OutboundMessage>['addBulk']>[0] = [];
    todo.forEach((push, index) => {
      const targets = chats[index]!;
      if (targets.length === 0) result.unbound++;
      for (const chat of targets) {
        const deliveryId = pushDeliveryId(push.key, chat);
        const delay = push.sendAt ? Math.max(0, push.sendAt.getTime() - now.getTime()) : 0;
        jobs.push({
          name: push.view.kind,
          data: { deliveryId, platform: chat.platform, chatId: chat.chatId, view: maskPhonesInView(push.view) },
          opts: { jobId: outboundJobId(deliveryId), ...(delay > 0 ? { delay } : {}) },
        });
      }
    });
    if (jobs.length > 0) await deps.outbound.addBulk(jobs);
    await deps.db.pushLog.createMany({ data: todo.map((p) => ({ key: p.key, kind: p.kind })), skipDuplicates: true });
    result.enqueued += todo.length;
    result.messages += jobs.length;
  }
  return result;
}
