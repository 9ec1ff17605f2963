import { z } from 'zod';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { undo, UNDO_KINDS } from './undoService.ts';

export const UNDO = 'undo';

const payloadSchema = z.object({ kind: z.enum(UNDO_KINDS), id: z.number().int(), label: z.string() });

/** The answer to "撤销 …?". */
export const undoHandler: PendingHandler = {
  kind: UNDO,
  async confirm(ctx, payload) {
    const target = payloadSchema.parse(payload);
    const result = await undo(ctx.db, target, { actorId: ctx.actor!.memberId, platform: ctx.event.platform, eventKey: ctx.eventKey });
    if (!result.done) return { kind: 'undo_done', title: '不需要重复撤销', tone: 'info', lines: [`${result.label}此前已经撤销。`] };
    const effect =
      target.kind === 'record'
        ? '这条记录不再计入进度、台账和学时，参加人员的积分已撤回，它完成的任务重新变为未完成。需要时请重新登记。'
        : target.kind === 'points'
          ? '积分已撤回，积分榜和星级随之更新。'
          : target.kind === 'photo'
            ? '这张照片不再出现在 /痕迹、台账和看板里，也不再计入照片数。需要时把照片重新发到群里即可恢复。'
            : target.kind === 'attachment'
              ? '这份附件不再出现在 /查看简报、审核和台账里，已发出的链接也打不开了；文件没有删除。需要时用 /简报 附件 <编号> 重新发送即可恢复。'
              : '项目进度已减去这次登记。';
    return { kind: 'undo_done', title: '已撤销', tone: 'success', lines: [`${result.label}已撤销。`, effect], note: '撤销留有记录，原来的内容没有删除。' };
  },
  async cancel(_ctx, payload) {
    const target = payloadSchema.parse(payload);
    return { kind: 'undo_cancelled', title: '没有撤销', tone: 'info', lines: [`${target.label}保持不变。`] };
  },
};
