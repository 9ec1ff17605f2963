import type { CommandContext, CommandResult } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import type { Role } from '../../core/generated/prisma/enums.ts';
import { actingOrganization } from '../../engine/identity/actingOrganization.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';
import { localDateTime } from '../../core/time/clock.ts';
import { truncate } from '../../core/text/truncate.ts';
import { PhotoRejectedError, savePhoto, type SavePhotoResult } from './photoStore.ts';
import { findPhotoActivity } from './findPhotoActivity.ts';
import { activityLabel } from './activityLabel.ts';
import { ACCEPTED_FORMAT_NAMES } from './detectImageType.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { byteSize } from '../../core/text/byteSize.ts';

/** Who records 痕迹 (domain.md §7: liaisons; secretaries and 组织委员 too). */
export const TRACE_ROLES: readonly Role[] = ['LIAISON', 'SECRETARY', 'ORG_COMMITTEE'];
export const CAPTION_MAX = 200;

/** `failed`: the picture could not be fetched (refused link, timeout, too large); the text says why. */
type Outcome = { ok: SavePhotoResult; label: string | null } | { rejected: PhotoRejectedError } | { failed: string };

/**
 * Pictures posted without a command: 痕迹 evidence. Only in a bound branch or liaison group and only from a
 * liaison, secretary or 组织委员 (see actingOrganization for which organisation); everyone else's pictures
 * are ordinary chat and get no answer. Every picture of the message is handled; the answer is one line.
 */
export async function onImages(ctx: CommandContext): Promise<CommandResult> {
  const { group, actor, event } = ctx;
  if (!group || !actor || event.chatType !== 'group') return null;
  if (group.purpose !== 'BRANCH' && group.purpose !== 'LIAISON') return null;
  const organizationId = await actingOrganization(ctx, TRACE_ROLES);
  if (organizationId === null) return null;

  const log = ctx.log.child({ area: 'traces', organizationId, images: event.images.length });
  const now = ctx.clock.now();
  const caption = truncate(event.text.trim(), CAPTION_MAX) || null;
  const activity = await findPhotoActivity(ctx.db, {
    organizationId,
    groupId: group.id,
    uploaderId: actor.memberId,
    caption: caption ?? '',
    now,
    year: localDateTime(now, ctx.config.TZ_NAME).year,
    today: instantToIso(now, ctx.config.TZ_NAME),
    windowMinutes: ctx.config.PHOTO_LINK_WINDOW_MINUTES,
  });

  const outcomes: Outcome[] = [];
  for (let index = 0; index < event.images.length; index++) {
    let image;
    try {
      image = await ctx.fetchImage(index);
    } catch (error) {
      // A download refused or failed for good is told in the answer with the others; the job is not retried.
      if (!(error instanceof UserError)) throw error;
      outcomes.push({ failed: error.message });
      continue;
    }
    try {
      const result = await savePhoto(ctx.db, {
        dataDir: ctx.config.DATA_DIR,
        maxBytes: ctx.config.PHOTO_MAX_BYTES,
        bytes: image.bytes,
        organizationId,
        uploaderId: actor.memberId,
        groupId: group.id,
        activityId: activity?.id ?? null,
        caption,
        platform: event.platform,
        platformMessageId: event.messageId ?? null,
        takenOn: now,
      });
      let label: string | null = null;
      const linkedId = result.status === 'stored' ? (activity?.id ?? null) : result.earlier.activityId;
      if (linkedId !== null) {
        const linked = linkedId === activity?.id ? activity : await ctx.db.activity.findUnique({ where: { id: linkedId } });
        label = linked ? activityLabel(linked) : null;
      }
      outcomes.push({ ok: result, label });
    } catch (error) {
      if (!(error instanceof PhotoRejectedError)) throw error;
      outcomes.push({ rejected: error });
    }
  }
  log.info({ stored: outcomes.filter((o) => 'ok' in o && o.ok.status === 'stored').length, activityId: activity?.id ?? null }, 'trace photos handled');

  const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return summarise(outcomes, org.name, ctx.config.PHOTO_MAX_BYTES, ctx.config.TZ_NAME);
}

function summarise(outcomes: Outcome[], orgName: string, maxBytes: number, tz: string): MessageView {
  const stored = outcomes.filter(
    (o): o is { ok: Extract<SavePhotoResult, { status: 'stored' }>; label: string | null } => 'ok' in o && o.ok.status === 'stored',
  );
  const duplicates = outcomes.filter(
    (o): o is { ok: Extract<SavePhotoResult, { status: 'duplicate' }>; label: string | null } => 'ok' in o && o.ok.status === 'duplicate',
  );
  const rejected = outcomes.filter((o): o is { rejected: PhotoRejectedError } => 'rejected' in o);
  const failed = outcomes.filter((o): o is { failed: string } => 'failed' in o);
  const one = outcomes.length === 1;
  const parts: string[] = [];
  if (stored.length > 0) {
    const label = stored[0]!.label;
    parts.push(
      `📷 ${one ? '' : `${stored.length} 张`}已存为${orgName}的痕迹（照片 ${stored.map((s) => s.ok.photoId).join('、')}），${label ? `关联：${label}` : '未关联活动（配文写活动名称或记录号，如「主题党日」「第3号记录」，可关联）'}`,
    );
  }
  if (duplicates.length > 0) {
    const first = duplicates[0]!.ok.earlier;
    const when = localDateTime(first.createdAt, tz).toFormat('M月d日');
    parts.push(
      one
        ? `📷 这张照片${when}已由${first.uploaderName}存过（照片 ${duplicates[0]!.ok.photoId}）${duplicates[0]!.label ? `，关联：${duplicates[0]!.label}` : ''}，不再重复保存`
        : `${duplicates.length} 张此前已存过，不再重复保存`,
    );
  }
  if (rejected.length > 0)
    parts.push(
      rejectionText(
        rejected.map((r) => r.rejected),
        one,
        maxBytes,
      ),
    );
  if (failed.length > 0) {
    const unique = [...new Set(failed.map((f) => f.failed.replace(/[。.]$/, '')))];
    parts.push(one ? unique[0]! : `${failed.length} 张没有下载：${unique.join('；')}`);
  }
  const notSaved = rejected.length + failed.length;
  // The 📷 mark already says it worked: no second ✅ in front of a confirmation.
  const tone = notSaved === outcomes.length ? 'error' : notSaved > 0 ? 'warning' : 'info';
  return {
    kind: notSaved === outcomes.length ? 'trace_photo_rejected' : duplicates.length === outcomes.length ? 'trace_photo_duplicate' : 'trace_photo_stored',
    title: parts.join('；'),
    tone,
  };
}

function rejectionText(errors: PhotoRejectedError[], one: boolean, maxBytes: number): string {
  const formats = ACCEPTED_FORMAT_NAMES.join('、');
  const texts = errors.map((e) =>
    e.reason === 'too_large'
      ? `照片太大（${byteSize(e.sizeBytes)}），上限 ${byteSize(maxBytes)}，请压缩后重发`
      : e.reason === 'empty'
        ? '文件是空的，请重发'
        : `文件不是图片，只收 ${formats} 格式的照片`,
  );
  const unique = [...new Set(texts)];
  return one ? `没有保存：${unique[0]}` : `${errors.length} 张没有保存：${unique.join('；')}`;
}
