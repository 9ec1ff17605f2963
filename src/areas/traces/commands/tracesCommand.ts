import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { actingOrganization } from '../../../engine/identity/actingOrganization.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { truncate } from '../../../core/text/truncate.ts';
import { parseMonth } from '../parseMonth.ts';
import { monthlyEvidence } from '../monthlyEvidence.ts';
import { activityTypeNames } from '../activityLabel.ts';
import { TRACE_ROLES } from '../onImages.ts';
import { dateColumnToIso, showDay } from '../../../core/time/calendarDay.ts';

const USAGE = '/痕迹 [月份]';

export const tracesCommand = defineCommand({
  name: '痕迹',
  keywords: ['痕迹', '照片', '图片', '相片', '拍照'],
  ask: '查看本月的痕迹照片',
  summary: '本支部本月的痕迹照片：每项活动几张、哪些活动还没有照片',
  usage: USAGE,
  examples: ['/痕迹', '/痕迹 10月', '/痕迹 2026-10'],
  roles: 'member',
  where: ['BRANCH', 'LIAISON'],
  help: '在支部群里看本支部的；在联络员群里看你任职的组织的。照片直接发到群里即可存为痕迹，说明里写活动名称（如「主题党日」）或记录号就会关联。',
  args: [{ name: '月份', type: 'string', optional: true, maxLength: 12 }] as const,
  async run(ctx, args) {
    const span = parseMonth(args['月份'], ctx.clock.now(), ctx.config.TZ_NAME, USAGE);
    const organizationId = await reportOrganization(ctx);
    const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
    const evidence = await monthlyEvidence(ctx.db, organizationId, span);
    const title = `${org.name} ${span.year}年${span.month}月痕迹`;
    const withoutPhotos = evidence.activities.filter((a) => a.photos === 0);
    const thisYear = DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.config.TZ_NAME }).year;
    const day = (d: Date) => showDay(dateColumnToIso(d), thisYear);
    const lines = [
      `本月共收到照片 ${evidence.photosInMonth} 张，其中未关联活动的 ${evidence.unlinkedInMonth} 张${evidence.unlinkedIds.length > 0 ? `（${photoNumbers(evidence.unlinkedIds)}${evidence.unlinkedInMonth > evidence.unlinkedIds.length ? ' 等' : ''}）` : ''}。`,
      evidence.activities.length === 0
        ? '本月还没有活动记录。'
        : withoutPhotos.length === 0
          ? '本月每项活动都有照片。'
          : `还没有照片的活动：${withoutPhotos.map((a) => `${day(a.heldOn)}${activityTypeNames[a.type]}（第${a.seq}号记录）`).join('、')}。`,
    ];
    return {
      kind: 'traces_month',
      title,
      tone: withoutPhotos.length > 0 ? 'warning' : 'info',
      lines,
      ...(evidence.activities.length > 0
        ? {
            table: {
              columns: ['记录号', '日期', '活动', '主题', '照片'],
              rows: evidence.activities.map((a) => [
                `第${a.seq}号`,
                day(a.heldOn),
                activityTypeNames[a.type],
                truncate(a.topic, 16),
                a.photos > 0 ? `${a.photos} 张（${photoNumbers(a.photoIds)}）` : '0 张',
              ]),
            },
          }
        : {}),
      note: '把活动照片直接发到群里即存为痕迹；说明写上活动名称或记录号（如「主题党日」「第3号记录」）可关联到那次活动。问题销号可写照片编号（如「照片 5」）作为整改证据。',
    };
  },
});

/** 「照片 12、13、15」: the numbers /问题 销号 accepts as evidence. */
export function photoNumbers(ids: readonly number[]): string {
  return `照片 ${ids.join('、')}`;
}

/** In a branch group its organisation; in a liaison group the organisation the caller records 痕迹 for. */
async function reportOrganization(ctx: Parameters<typeof tracesCommand.run>[0]): Promise<number> {
  const group = ctx.group!;
  if (group.purpose === 'BRANCH') {
    const ok =
      (await actorHasRole(ctx, [...TRACE_ROLES, 'MEMBER', 'ADMIN', 'LEADING_GROUP', 'ASSESSOR'])) || ctx.actor!.organizationId === group.organizationId;
    if (!ok) throw new UserError('你不是本支部的成员，不能查看本支部的痕迹。');
    return group.organizationId!;
  }
  const own = await actingOrganization(ctx, TRACE_ROLES);
  if (own !== null && own !== group.organizationId) return own;
  if (await actorHasRole(ctx, ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'])) return group.organizationId!;
  if (own !== null) return own;
  throw new UserError('在联络员群里，/痕迹 只给联络员、书记、组织委员查看自己组织的痕迹。请到本支部群里发送 /痕迹。');
}
