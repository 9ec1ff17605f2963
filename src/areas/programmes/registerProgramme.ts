import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { writeAudit } from '../../core/audit/writeAudit.ts';
import { programmeProgress } from './programmeProgress.ts';

export interface ProgrammeRegistration {
  programmeId: number;
  organizationId: number | null;
  amount: number;
  note: string | null;
}

/** One /项目 登记, keyed on the chat event (a retried job adds nothing), with the receipt against the target. */
export async function registerProgramme(ctx: CommandContext, reg: ProgrammeRegistration): Promise<MessageView> {
  const programme = await ctx.db.programme.findUniqueOrThrow({ where: { id: reg.programmeId } });
  const idempotencyKey = `${ctx.eventKey}:programme`;
  const earlier = await ctx.db.programmeEntry.findUnique({ where: { idempotencyKey } });
  if (!earlier) {
    const now = ctx.clock.now();
    await ctx.db.$transaction(async (tx) => {
      const entry = await tx.programmeEntry.create({
        data: {
          programmeId: programme.id,
          organizationId: reg.organizationId,
          amount: reg.amount,
          note: reg.note,
          createdById: ctx.actor!.memberId,
          createdAt: now,
          idempotencyKey,
        },
      });
      await writeAudit(tx, {
        actorId: ctx.actor!.memberId,
        action: 'programme.registered',
        targetType: 'ProgrammeEntry',
        targetId: entry.id,
        detail: { code: programme.code, amount: reg.amount },
        at: now,
      });
    });
  }
  const [progress] = (await programmeProgress(ctx.db)).filter((p) => p.id === programme.id);
  return {
    kind: 'programme_registered',
    title: '已登记项目进度',
    tone: 'success',
    lines: [
      `${programme.name}：+${reg.amount}${programme.unit}${reg.note ? `（${reg.note}）` : ''}`,
      `累计 ${progress!.done}/${progress!.target}${programme.unit}（${Math.round((progress!.done / progress!.target) * 100)}%）。`,
    ],
  };
}
