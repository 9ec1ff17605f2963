import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import { orgAncestors } from '../../engine/identity/orgAncestors.ts';
import { readAttachmentToken } from './attachmentToken.ts';
import { ATTACHMENT_ROUTE } from './attachmentLinker.ts';
import { canViewBriefing } from './canViewBriefing.ts';
import { SHOWN_ATTACHMENT } from './shownAttachment.ts';

export interface AttachmentRouteDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** The signing secret (the board's, src/areas/board/boardAccess.ts boardSecret). */
  secret: () => Promise<string>;
}

const NO_STORE = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex', 'x-content-type-options': 'nosniff' };
const REFUSED = '链接无效、已过期，或你没有查看这份附件的权限。请在群里重新发送 /查看简报 <编号> 获取你自己的链接。';

/**
 * GET /briefing-files/<token>: one 简报 attachment, for the member the link was made for, and only while that member
 * may still see the 简报 (canViewBriefing, the rule of /查看简报) and the attachment is not withdrawn. Anything else
 * is 403 with nothing of the file. Pictures and PDF open in the browser; Word files download.
 */
export function mountAttachmentRoutes(app: Hono, deps: AttachmentRouteDeps): void {
  const refused = (c: Context) => c.text(REFUSED, 403, NO_STORE);
  app.get(`${ATTACHMENT_ROUTE}/:token`, async (c) => {
    const payload = readAttachmentToken(await deps.secret(), c.req.param('token'), deps.clock.now());
    if (!payload) return refused(c);
    const [attachment, roles] = await Promise.all([
      deps.db.briefingAttachment.findFirst({
        where: { id: payload.a, ...SHOWN_ATTACHMENT },
        include: { file: true, briefing: { select: { authorId: true, organizationId: true, organization: { select: { demo: true } } } } },
      }),
      deps.db.memberRole.findMany({ where: { memberId: payload.m }, select: { role: true, organizationId: true, organization: { select: { demo: true } } } }),
    ]);
    if (!attachment) return refused(c);
    const viewer = { memberId: payload.m, roles: roles.map((r) => ({ role: r.role, organizationId: r.organizationId, demo: r.organization.demo })) };
    const allowed = await canViewBriefing(viewer, attachment.briefing, attachment.briefing.organization.demo, (id) => orgAncestors(deps.db, id));
    if (!allowed) return refused(c);
    const root = resolve(deps.dataDir);
    const path = resolve(join(root, attachment.file.path));
    if (!path.startsWith(root + sep)) return refused(c);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) return c.text('附件文件不在了，请联系系统管理员。', 404, NO_STORE);
    const inline = attachment.file.mimeType.startsWith('image/') || attachment.file.mimeType === 'application/pdf';
    const ascii = `attachment.${attachment.fileName.split('.').pop() ?? 'bin'}`;
    return c.body(new Uint8Array(bytes), 200, {
      ...NO_STORE,
      'content-type': attachment.file.mimeType,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    });
  });
}
