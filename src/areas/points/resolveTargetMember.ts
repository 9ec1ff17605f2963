import type { CommandContext } from '../../engine/commands/types.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { extractMentionTokens, resolveNamedMembers, silentMentions, type NamedMember } from '../../engine/identity/resolveNamedMembers.ts';

/**
 * The one member a command names with @ (a platform mention or `@姓名`), looked up among `orgIds`; the text
 * with the mention removed is returned for positional parsing. null when nobody is named.
 */
export async function resolveTargetMember(ctx: CommandContext, orgIds: number[], usage: string): Promise<{ member: NamedMember | null; rest: string }> {
  const { names, rest } = extractMentionTokens(ctx.rest);
  const silent = silentMentions(ctx.rest, ctx.mentions);
  if (names.length === 0 && silent.length === 0) return { member: null, rest };
  if (names.length + silent.length > 1) throw new UserError('一次只能写一位党员，请只@一个人。', usage);
  const result = await resolveNamedMembers(ctx.db, names, orgIds, ctx.mentions, { includeAllMentions: silent.length > 0 });
  if (result.outside.length > 0) throw new UserError(`${result.outside[0]} 不是你所管支部的党员，不能操作。`, usage);
  if (result.unknown.length > 0) {
    const close = result.suggestions.get(result.unknown[0]!) ?? [];
    throw new UserError(`在你所管的支部里没有找到党员「${result.unknown[0]}」${close.length ? `，是不是：${close.join('、')}？` : '，请核对姓名。'}`, usage);
  }
  if (result.ambiguous.length > 0) {
    throw new UserError(`「${result.ambiguous[0]!.name}」有 ${result.ambiguous[0]!.count} 位同名党员，请在群里@本人。`, usage);
  }
  return { member: result.found[0] ?? null, rest };
}
