import { randomUUID } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { ChatEvent, FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import { handleChatEvent, type ChatHandlers, type ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { apologyView, errorView } from '../../src/engine/chat/errorView.ts';
import { maskPhonesInText } from '../../src/core/util/maskPhone.ts';
import { resolveNotifyTargets } from '../../src/engine/notify/resolveNotifyTargets.ts';
import { isInfrastructureError } from '../../src/core/errors/isInfrastructureError.ts';
import { recordInboundEvent } from '../../src/engine/chat/recordInboundEvent.ts';
import type { AttemptLimiter } from '../../src/core/redis/AttemptLimiter.ts';
import { redactBindCode } from '../../src/engine/commands/core/redactBindCode.ts';

/** Attempts before a failing command is answered with an apology (infrastructure failures retry longer). */
export const WORK_FAILURE_ATTEMPTS = 3;

const MAX_REPLIES_LOOKED_UP = 20;
import type { Config } from '../../src/core/config/loadConfig.ts';
import type { Db } from '../../src/core/db/openDatabase.ts';
import type { Clock } from '../../src/core/time/clock.ts';
import { outboundJobId, type InboundResult, type Queues } from '../queues.ts';
import type { UnboundPictureChats } from '../UnboundPictureChats.ts';

export interface InboundDeps {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  handlers: ChatHandlers;
  /** Atomic attempt counters for /绑定 (Redis). */
  limiter?: AttemptLimiter;
  queues: Pick<Queues, 'outbound'>;
  fetchImage(event: ChatEvent, ref: ImageRef): Promise<ImageBytes>;
  fetchFile?(event: ChatEvent, ref: FileRef): Promise<ImageBytes>;
  /** Told which groups' pictures concern nobody, and when such a group says something else. */
  unboundPictureChats?: Pick<UnboundPictureChats, 'mark' | 'clear'>;
}

export function createInboundProcessor(deps: InboundDeps) {
  return async function processInbound(job: Job<ChatEvent, InboundResult>): Promise<InboundResult> {
    const event = job.data;
    const eventKey = `${event.platform}:${event.eventId}`;
    const log = deps.log.child({ eventId: event.eventId, platform: event.platform, jobId: job.id, attempt: job.attemptsMade + 1 });
    const seen = await recordInboundEvent(deps.db, event.platform, event.eventId);
    if (seen.processedAt) {
      // A job taken over after a stall (or a re-delivery) reports the replies the first run queued, so whoever
      // waits on this job still gets them; nothing is queued again.
      const deliveryIds: string[] = [];
      for (let index = 0; index < MAX_REPLIES_LOOKED_UP; index++) {
        const id = `${eventKey}:${index}`;
        if (!(await deps.queues.outbound.getJob(outboundJobId(id)))) break;
        deliveryIds.push(id);
      }
      log.info({ replies: deliveryIds.length }, 'event already processed; not processed again');
      return { deliveryIds, duplicate: true };
    }

    let views;
    let notifications: Awaited<ReturnType<typeof handleChatEvent>>['notifications'] = [];
    let picturesInUnboundGroup = false;
    try {
      if (job.stalledCounter > 0 && (event.files?.length ?? 0) > 0) {
        // The process died while this message's file was being read (a file that exhausts memory would kill it
        // again on every restart): the file is not read a second time, and the sender is told what to do.
        log.error({ stalled: job.stalledCounter, files: event.files!.map((f) => f.fileName) }, 'a run handling this file died; not reading it again');
        views = [stalledFileView(event.files![0]!.fileName)];
      } else {
        const outcome = await handleChatEvent(event, {
          ...deps,
          log,
          fetchImage: (ref) => deps.fetchImage(event, ref),
          fetchFile: deps.fetchFile ? (ref: FileRef) => deps.fetchFile!(event, ref) : undefined,
        });
        ({ replies: views, notifications } = outcome);
        picturesInUnboundGroup = outcome.picturesInUnboundGroup === true;
      }
    } catch (error) {
      // The database or Redis being away is retried until the job's attempts run out; a failure of the work itself
      // is tried a few times, then answered with an apology so the person is not left waiting. A failure marked
      // unrecoverable (the same input would fail the same way) is answered at once.
      if (!(error instanceof UnrecoverableError) && (isInfrastructureError(error) || job.attemptsMade + 1 < WORK_FAILURE_ATTEMPTS)) {
        log.warn({ err: error }, 'event failed; will retry');
        throw error;
      }
      const referenceId = randomUUID().slice(0, 8);
      log.error({ err: error, referenceId }, 'event failed on its last attempt; apologising');
      views = [apologyView(referenceId)];
    }

    const messages: OutboundMessage[] = views.map(({ file, ...view }, index) => ({
      deliveryId: `${eventKey}:${index}`,
      platform: event.platform,
      chatId: event.chatId,
      view,
      ...(file ? { file } : {}),
      eventKey,
      ...(event.messageId ? { replyToMessageId: event.messageId } : {}),
      ...(event.kind === 'card_action' && event.cardMessageId && index === 0 ? { updateMessageId: event.cardMessageId } : {}),
    }));
    let n = 0;
    for (const notification of notifications) {
      for (const chat of await resolveNotifyTargets(deps.db, notification.target)) {
        messages.push({ deliveryId: `${eventKey}:n${n++}`, platform: chat.platform, chatId: chat.chatId, view: notification.view, eventKey });
      }
    }
    if (messages.length > 0) {
      await deps.queues.outbound.addBulk(messages.map((m) => ({ name: m.view.kind, data: m, opts: { jobId: outboundJobId(m.deliveryId) } })));
    }
    await deps.db.inboundEvent.update({ where: { id: seen.id }, data: { processedAt: deps.clock.now() } });
    if (deps.unboundPictureChats && event.chatType === 'group') {
      // Anything but pictures (a /绑定群 above all) may have changed what pictures mean here.
      if (picturesInUnboundGroup) await deps.unboundPictureChats.mark(event);
      else if (event.images.length === 0) await deps.unboundPictureChats.clear(event);
    }
    log.info({ command: redactBindCode(maskPhonesInText(event.text)).slice(0, 20), replies: messages.length }, 'event processed');
    // Only replies to this chat are waited on by the sandbox; notifications go to other chats.
    return { deliveryIds: messages.filter((m) => m.chatId === event.chatId && m.platform === event.platform).map((m) => m.deliveryId) };
  };
}

function stalledFileView(fileName: string) {
  return errorView(
    `处理你发的文件「${fileName}」时服务中断了，为安全起见没有再次处理，什么也没有导入。`,
    '请检查文件是否过大（多余的工作表、图片、空白行列），另存为 .xlsx 后重新发送；仍不行请联系管理员。',
    'file_interrupted',
  );
}
