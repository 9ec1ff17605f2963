import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';

/**
 * 编号 as people write it: the global number (`12`, `#12`, `12号`, `编号12`), or the 文号
 * (`东湾村〔2026〕第3期`, `东湾村〔2026〕学习心得第3篇`, with 〔〕, [] or () brackets).
 */
export async function findBriefing(db: Db, written: string, usage: string) {
  const token = toHalfWidth(written.trim());
  const byId = /^(?:编号|no\.?)?#?(\d{1,9})号?$/iu.exec(token);
  if (byId) {
    const briefing = await db.briefing.findUnique({ where: { id: Number(byId[1]) }, include: { organization: true, author: true, reviewedBy: true } });
    // The chat's realm filters organisations, not briefings: a number of the other world (demo or real) is not there.
    if (!briefing || (await db.organization.count({ where: { id: briefing.organizationId } })) === 0)
      throw new UserError(`没有编号为 ${byId[1]} 的简报或学习心得。发送 /简报列表 查看待审的编号。`, usage);
    return briefing;
  }
  const byLabel = /^(.+?)[〔[(（【](\d{4})[〕\])）】](?:第(\d+)期|学习心得第(\d+)篇)$/u.exec(token);
  if (byLabel) {
    const [, orgWord, year, briefingSeq, reflectionSeq] = byLabel;
    const orgs = await db.organization.findMany({ where: { OR: [{ shortName: orgWord! }, { name: orgWord! }] } });
    if (orgs.length === 1) {
      const briefing = await db.briefing.findUnique({
        where: {
          organizationId_kind_year_seq: {
            organizationId: orgs[0]!.id,
            kind: briefingSeq ? 'BRIEFING' : 'REFLECTION',
            year: Number(year),
            seq: Number(briefingSeq ?? reflectionSeq),
          },
        },
        include: { organization: true, author: true, reviewedBy: true },
      });
      if (briefing) return briefing;
    }
    throw new UserError(`没有找到「${written}」。请核对文号，或直接写编号数字。`, usage);
  }
  throw new UserError(`「${written}」不是有效的编号。编号是回执里的数字（如 12），也可以写文号（如 东湾村〔2026〕第3期）。`, usage);
}
