import type { Hono } from 'hono';
import type { Clock } from '../../core/time/clock.ts';
import { readExport } from './exportFiles.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /files/<token>: the download link of an export, for platforms that cannot carry the file itself. */
export function mountFileRoutes(app: Hono, dataDir: string, clock: Clock): void {
  app.get('/files/:token', async (c) => {
    const found = await readExport(dataDir, c.req.param('token'), clock.now());
    if (!found) return c.text('文件不存在或链接已过期（导出文件保留 7 天），请在群里重新导出。', 404);
    return c.body(new Uint8Array(found.bytes), 200, {
      'content-type': found.fileName.endsWith('.xlsx') ? XLSX : 'application/octet-stream',
      'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      'cache-control': 'private, no-store',
    });
  });
}
