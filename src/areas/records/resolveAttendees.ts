import type { Db } from '../../core/db/openDatabase.ts';
import type { ResolvedMention } from '../../engine/commands/types.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { orgDescendants } from '../../engine/identity/orgAncestors.ts';
import { resolveNamedMembers, silentMentions } from '../../engine/identity/resolveNamedMembers.ts';
import { describeUnknown, namesFromChunks, normaliseName } from '../../engine/identity/nameMatching.ts';
import { activityKind } from './cadence.ts';
import { FIELD_FORMS, type ParsedRecord } from './parseRecordMessage.ts';
import type { RecordToSave } from './saveActivityRecord.ts';
import { CURRENT_MEMBER } from '../../engine/identity/memberStatus.ts';

/**
 * Turns a parsed record into one ready to save: 参加人员 resolved to members of the branch (and the
 * organisations below it), counts checked against them, 应到 defaulted to the branch's member count for
 * whole-branch meetings.
 */
export async function resolveAttendees(
  db: Db,
  parsed: ParsedRecord,
  context: { organizationId: number; text: string; mentions: ResolvedMention[] },
): Promise<Pick<RecordToSave, 'attendees' | 'expectedCount' | 'presentCount'>> {
  const scope = await orgDescendants(db, context.organizationId);
  // Mentions whose text an adapter removed from the message still name attendees.
  const silent = silentMentions(context.text, context.mentions);
  // Chunks as written (「李 春生」, 「赵大勇 陈秀英」) become names against the roster of the branch.
  const roster = parsed.attendeeNames.length
    ? (await db.member.findMany({ where: { organizationId: { in: scope }, ...CURRENT_MEMBER }, select: { name: true } })).map((m) => m.name)
    : [];
  const known = new Set([...roster, ...context.mentions.map((m) => m.name)].map(normaliseName));
  const names = namesFromChunks(parsed.attendeeNames, known);
  const result = await resolveNamedMembers(db, names, scope, [...context.mentions.filter((m) => names.includes(m.name)), ...silent], {
    includeAllMentions: silent.length > 0,
  });
  const form = FIELD_FORMS.参加人员;
  if (result.outside.length > 0)
    throw new UserError(`「参加人员」里的${result.outside.map((n) => `「${n}」`).join('、')}不是本支部党员，不能登记到本支部的记录里。`, form);
  if (result.unknown.length > 0) {
    throw new UserError(`「参加人员」里的${describeUnknown(result.unknown, result.suggestions)}不是本支部名册里的党员，请核对姓名（或用@提及本人）。`, form);
  }
  if (result.ambiguous.length > 0) {
    throw new UserError(`「参加人员」里的${result.ambiguous.map((a) => `「${a.name}」有 ${a.count} 位同名党员`).join('，')}，请用@提及本人来区分。`, form);
  }
  const attendees = result.found.map((m) => ({ id: m.id, name: m.name }));
  let presentCount = parsed.presentCount;
  if (attendees.length > 0) {
    if (presentCount !== null && presentCount !== attendees.length) {
      throw new UserError(`「实到」写的是 ${presentCount} 人，但「参加人员」列了 ${attendees.length} 人，两者要一致（也可以不写实到）。`, FIELD_FORMS.实到);
    }
    presentCount = attendees.length;
  }
  let expectedCount = parsed.expectedCount;
  if (expectedCount === null && activityKind(parsed.type).wholeBranch) {
    expectedCount = await db.member.count({ where: { organizationId: { in: scope }, ...CURRENT_MEMBER } });
  }
  if (expectedCount !== null && presentCount !== null && presentCount > expectedCount) {
    throw new UserError(
      `到会 ${presentCount} 人多于应到 ${expectedCount} 人${parsed.expectedCount === null ? '（应到按支部党员人数计）' : ''}，请核对「应到」。`,
      FIELD_FORMS.应到,
    );
  }
  return { attendees, expectedCount, presentCount };
}
