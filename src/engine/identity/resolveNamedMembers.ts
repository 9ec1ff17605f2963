import { Prisma } from '../../core/generated/prisma/client.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { ResolvedMention } from '../commands/types.ts';
import { closestNames, normaliseName } from './nameMatching.ts';
import { CURRENT_MEMBER, ENDED_STATUSES, isCurrentMember } from './memberStatus.ts';

export interface NamedMember {
  id: number;
  name: string;
  organizationId: number;
  ratingExempt: boolean;
}

export interface NamedMembersResult {
  found: NamedMember[];
  /** Names that match no member of the organisations. */
  unknown: string[];
  /** For each unknown name, the closest roster names of the organisations (src/engine/identity/nameMatching.ts). */
  suggestions: Map<string, string[]>;
  /** Names several members of the organisations share. */
  ambiguous: { name: string; count: number }[];
  /** Mentioned people who are members, but of another organisation. */
  outside: string[];
}

const MENTION = /[@＠]([^\s\u3000@＠,，、;；:：]+)/gu;

/** The `@名字` tokens of a text, and the text without them (for positional parsing). */
export function extractMentionTokens(text: string): { names: string[]; rest: string } {
  const names = [...text.matchAll(MENTION)].map((m) => m[1]!);
  const rest = text
    .replace(MENTION, ' ')
    .replace(/[ \t\u3000]+/gu, ' ')
    .trim();
  return { names: [...new Set(names)], rest };
}

/** Resolved mentions whose text an adapter removed from the message: they still name someone. */
export function silentMentions(text: string, mentions: readonly ResolvedMention[]): ResolvedMention[] {
  return mentions.filter((m) => m.memberId !== null && !text.includes(m.name));
}

/**
 * Members named in a message, within `orgIds` (members transferred out are not found). A name is taken from a
 * platform mention when the platform resolved it to a bound member, otherwise it is looked up by name among
 * the organisations' members, so `@赵大勇` and plain `赵大勇` work on every platform, bound or not. Mentions the
 * platform resolved but whose name is not among `names` (adapters that drop the text of a mention) count too
 * when `includeAllMentions` is set.
 */
export async function resolveNamedMembers(
  db: Db,
  names: string[],
  orgIds: number[],
  mentions: ResolvedMention[] = [],
  options: { includeAllMentions?: boolean } = {},
): Promise<NamedMembersResult> {
  const scope = new Set(orgIds);
  const byMention = new Map<string, number>();
  const mentionIds = new Set<number>();
  for (const m of mentions) {
    if (m.memberId === null) continue;
    if (names.includes(m.name) || options.includeAllMentions) {
      byMention.set(m.name, m.memberId);
      mentionIds.add(m.memberId);
    }
  }
  const lookupNames = names.filter((n) => !byMention.has(n));
  const [mentioned, candidates] = await Promise.all([
    mentionIds.size > 0
      ? db.member.findMany({ where: { id: { in: [...mentionIds] } }, select: { id: true, name: true, organizationId: true, ratingExempt: true, status: true } })
      : Promise.resolve([]),
    lookupNames.length > 0 && orgIds.length > 0
      ? // Compared as written: inner spaces (full-width too) and middle dots do not count (「曾 伟」 is 曾伟).
        db.$queryRaw<NamedMember[]>`
          SELECT id, name, "organizationId", "ratingExempt" FROM "Member"
          WHERE "organizationId" IN (${Prisma.join(orgIds)}) AND status::text NOT IN (${Prisma.join(ENDED_STATUSES)})
            AND regexp_replace(name, '[[:space:]　·•・.]', '', 'g') IN (${Prisma.join(lookupNames.map(normaliseName))})
          ORDER BY id ASC`
      : Promise.resolve([] as NamedMember[]),
  ]);
  const result: NamedMembersResult = { found: [], unknown: [], ambiguous: [], outside: [], suggestions: new Map() };
  const seen = new Set<number>();
  const add = (m: NamedMember) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    result.found.push({ id: m.id, name: m.name, organizationId: m.organizationId, ratingExempt: m.ratingExempt });
  };
  const mentionedById = new Map(mentioned.map((m) => [m.id, m]));
  const orderedNames = options.includeAllMentions ? [...new Set([...names, ...byMention.keys()])] : names;
  for (const name of orderedNames) {
    const mentionedId = byMention.get(name);
    if (mentionedId !== undefined) {
      const member = mentionedById.get(mentionedId);
      if (!member) continue;
      if (!scope.has(member.organizationId) || !isCurrentMember(member.status)) result.outside.push(member.name);
      else add(member);
      continue;
    }
    const matches = candidates.filter((c) => normaliseName(c.name) === normaliseName(name));
    if (matches.length === 0) result.unknown.push(name);
    else if (matches.length > 1) result.ambiguous.push({ name, count: matches.length });
    else add(matches[0]!);
  }
  if (result.unknown.length > 0 && orgIds.length > 0) {
    const roster = await db.member.findMany({ where: { organizationId: { in: orgIds }, ...CURRENT_MEMBER }, select: { name: true } });
    const names = roster.map((r) => r.name);
    for (const name of result.unknown) result.suggestions.set(name, closestNames(name, names));
  }
  return result;
}
