import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { looksLikeYear, readYear } from '../../../core/time/readDay.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { findOrganization } from '../../../engine/identity/findOrganization.ts';
import { buildLedgerWorkbook, type LedgerPart } from '../buildLedgerWorkbook.ts';
import { saveExport } from '../exportFiles.ts';
import { linkBase, NO_PUBLIC_ADDRESS } from '../../../core/config/linkBase.ts';

const usage = '/导出 <台账|考评|积分|问题> [组织] [年份]';
const kinds: Record<string, { parts: LedgerPart[]; label: string }> = {
  台账: { parts: ['ledgers', 'problems', 'assessment', 'points'], label: '党建台账（四类基础台账、问题台账、考评表、积分）' },
  考评: { parts: ['assessment'], label: '考评打分表' },
  积分: { parts: ['points'], label: '党员积分台账' },
  问题: { parts: ['problems'], label: '问题台账' },
};

export const exportCommand = defineCommand({
  name: '导出',
  keywords: ['导出', '下载', '表格', 'excel', '电子台账', '台账'],
  ask: '导出台账表格',
  summary: '导出组织某年的电子台账（Excel）',
  usage,
  examples: ['/导出 台账', '/导出 台账 2026', '/导出 考评 东湾村党支部 2026'],
  roles: ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'ADMIN', 'LEADING_GROUP', 'ASSESSOR'],
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 200 }] as const,
  help: '在支部群里导出本支部的台账；组织办、领导小组和考核小组可以写组织名导出任一组织。文件随消息发送，另附 7 天内有效的下载链接。',
  async run(ctx, args) {
    const tokens = tokenize(args['内容'] ?? '');
    const kindWord = tokens.shift() ?? '台账';
    const kind = kinds[kindWord];
    if (!kind) throw new UserError(`不能导出「${kindWord}」，可导出：${Object.keys(kinds).join('、')}。`, usage);
    const thisYear = DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.config.TZ_NAME }).year;
    let year = thisYear;
    const yearToken = tokens.findIndex(looksLikeYear);
    if (yearToken >= 0) {
      const read = readYear(tokens.splice(yearToken, 1)[0]!, ctx.clock.now(), ctx.config.TZ_NAME);
      if (!read.ok) throw new UserError(`${read.problem}。`, usage);
      year = read.year;
      if (year > thisYear) throw new UserError(`${year}年还没到，没有台账可导出。`, usage);
      if (year < 2000) throw new UserError(`年份 ${year} 不在合理范围内。`, usage);
    }
    if (tokens.length > 1) throw new UserError(`多出了内容「${tokens.slice(1).join(' ')}」。`, usage);
    const org = tokens[0]
      ? await findOrganization(ctx.db, tokens[0], usage)
      : ctx.group?.organizationId
        ? await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.group.organizationId } })
        : null;
    if (!org) throw new UserError('请写要导出的组织名，或在已绑定组织的群里发送。', usage);
    if (!(await actorHasRole(ctx, ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'], org.id))) {
      const ownGroup = ctx.group?.organizationId === org.id;
      if (!ownGroup || !(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON'], org.id))) {
        throw new UserError(`你不能导出「${org.name}」的台账：书记、组织委员和联络员只能在本支部群里导出本支部的台账。`);
      }
    }
    const { bytes, fileName, yearEntries } = await buildLedgerWorkbook(ctx.db, {
      organizationId: org.id,
      year,
      parts: kind.parts,
      now: ctx.clock.now(),
      zone: ctx.config.TZ_NAME,
    });
    const token = await saveExport(ctx.config.DATA_DIR, fileName, bytes, ctx.clock.now());
    await writeAudit(ctx.db, {
      actorId: ctx.actor!.memberId,
      action: 'ledger.exported',
      targetType: 'Organization',
      targetId: org.id,
      detail: { year, kind: kindWord },
    });
    const base = linkBase(ctx.config, ctx.event.platform);
    return {
      kind: 'ledger_export',
      title: `已导出：${fileName}`,
      tone: 'success',
      lines: [
        `${org.name} ${year} 年${kind.label}。`,
        // An empty year exported without a word looks like lost data to whoever opens it.
        ...(yearEntries === 0 ? [emptyYearLine(org.name, year, kindWord, kind.label)] : []),
        base === null ? `下载链接：${NO_PUBLIC_ADDRESS}` : `下载链接（7 天内有效）：${base}/files/${token}`,
      ],
      note: '表格可用 Excel 或 WPS 打开；导出时的数据为准，之后的新记录请重新导出。',
      file: { fileName, base64: bytes.toString('base64') },
    };
  },
});

/** What an export with none of the year's data says: only the whole 台账 being empty means nothing was recorded. */
function emptyYearLine(orgName: string, year: number, kindWord: string, label: string): string {
  return kindWord === '台账'
    ? `提示：${orgName}${year}年还没有登记任何记录，表格里没有这一年的数据；请确认年份写得对。`
    : `提示：${orgName}${year}年的${label}里还没有数据（其他台账可能已有记录）；请确认年份和要导出的内容写得对。`;
}
