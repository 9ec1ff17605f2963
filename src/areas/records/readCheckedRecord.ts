import { UserError } from '../../core/errors/UserError.ts';
import type { CommandContext } from '../../engine/commands/types.ts';
import { findProgramme } from '../programmes/programmeProgress.ts';
import { readRecordMessage, recordProblemsError, RECORD_USAGE, type ParsedRecord, type RecordProblem } from './parseRecordMessage.ts';
import { resolveAttendees } from './resolveAttendees.ts';
import type { RecordToSave } from './saveActivityRecord.ts';

/** Runs a check that answers with a UserError, keeping its message among the record's problems. */
async function collect<T>(problems: RecordProblem[], run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    problems.push({ message: error.message, form: error.usage ?? RECORD_USAGE });
    return null;
  }
}

/**
 * A meeting record form of the group's branch, read and checked whole: every problem (fields, attendees, the
 * programme) in one answer, or the record ready to save.
 */
export async function readCheckedRecord(ctx: CommandContext, text: string): Promise<{ record: RecordToSave; parsed: ParsedRecord }> {
  const reading = readRecordMessage(text, ctx.clock.now(), ctx.config.TZ_NAME);
  const problems = [...reading.problems];
  const organizationId = ctx.group!.organizationId!;
  // Attendees and the programme are checked even when other lines are wrong, so one answer lists everything.
  const people =
    reading.type && (reading.attendeeNames.length > 0 || reading.record)
      ? await collect(problems, () =>
          resolveAttendees(ctx.db, reading.record ?? ({ ...reading, type: reading.type! } as unknown as ParsedRecord), {
            organizationId,
            text,
            mentions: ctx.mentions,
          }),
        )
      : null;
  const programmeText = reading.record?.programme ?? null;
  const programme = programmeText ? await collect(problems, () => findProgramme(ctx.db, programmeText)) : null;
  if (problems.length > 0 || !reading.record || !people) throw recordProblemsError(problems);
  const parsed = reading.record;
  const record: RecordToSave = {
    organizationId,
    groupId: ctx.group!.id,
    recordedById: ctx.actor!.memberId,
    platform: ctx.event.platform,
    type: parsed.type,
    heldOn: parsed.heldOn,
    topic: parsed.topic,
    hours: parsed.hours,
    summary: parsed.summary,
    programmeCode: programme?.code ?? null,
    programmeName: programme?.name ?? null,
    ...people,
  };
  return { record, parsed };
}
