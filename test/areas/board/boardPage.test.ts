import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { openHeadlessChromium, type HeadlessChromium } from '../../support/headlessChromium.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { makePng } from '../../support/makeImages.ts';

const LEADING = 'sb-group-leading';
const DW = 'sb-group-dongwan';

function linkIn(texts: string[]): string {
  const match = /\/board\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(texts.join('\n'));
  if (!match) throw new Error(`no board link in ${texts.join('\n')}`);
  return match[0];
}

describe('the live board /board/<token> in headless Chromium, on a phone screen', () => {
  let service: TestService;
  let browser: HeadlessChromium | undefined;
  let page: Page;
  const clock = fixedClock('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    service = await startTestService({ clock, env: { BOARD_SECRET: 'test-board-secret-0123456789abcdefghij', BOARD_LINK_DAYS: '30' } });
    browser = await openHeadlessChromium({ width: 390, height: 844 });
    page = browser.page;
    // A record with a photo in 东湾村, and points that put members on different stars.
    await service.say(DW, 'sb-dw-secretary', '/会议记录\n类型：支委会\n日期：昨天\n主题：研究冬季走访困难党员\n参加人员：李春生 陈秀英');
    await service.say(DW, 'sb-dw-secretary', '第1号记录', {
      imageBase64: makePng({ seed: 7, width: 40, height: 30 }).toString('base64'),
      fileName: 'zouf.png',
    });
    const db = service.database.prisma;
    const members = await db.member.findMany({ where: { organization: { name: '东湾村党支部' } }, orderBy: { id: 'asc' }, take: 3 });
    await db.pointEntry.createMany({
      data: members.map((m, i) => ({
        memberId: m.id,
        organizationId: m.organizationId,
        year: 2026,
        points: [95, 85, 65][i]!,
        reason: '测试',
        sourceType: 'MANUAL',
      })),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('shows the star chart with the numbers of the data, and the plan targets', async () => {
    const link = linkIn(await service.sayText(LEADING, 'sb-admin', '/看板'));
    const response = await page.goto(`${service.url}${link}`);
    expect(response?.status()).toBe(200);
    const db = service.database.prisma;
    // Independent count of the town's members by year total (not exempt, not transferred out).
    const rows = await db.$queryRaw<{ total: number; exempt: boolean }[]>`
      SELECT COALESCE(SUM(p.points), 0)::float8 AS total, m."ratingExempt" AS exempt FROM "Member" m
      LEFT JOIN "PointEntry" p ON p."memberId" = m.id AND p.year = 2026 WHERE m.status::text NOT IN ('TRANSFERRED_OUT', 'ENDED') GROUP BY m.id`;
    const rated = rows.filter((r) => !r.exempt);
    const expected = [
      rated.filter((r) => r.total >= 90).length,
      rated.filter((r) => r.total >= 80 && r.total < 90).length,
      rated.filter((r) => r.total >= 60 && r.total < 80).length,
      rated.filter((r) => r.total < 60).length,
      rows.length - rated.length,
    ];
    expect(expected.slice(0, 3)).toEqual([1, 1, 1]);
    const labels = await page.locator('#chart-stars svg text').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['三星', '二星', '一星', '暂未达到一星', '未评定（免评）', ...expected.map((n) => `${n} 人`)]));
    // Year not over: 暂定, and never 不合格 / 无星 on the board.
    const text = await page.locator('body').innerText();
    expect(text).toContain('暂定');
    expect(text).not.toContain('不合格');
    expect(labels.join('')).not.toContain('无星');
    expect(await page.locator('#targets tr[data-key="excellent"]').innerText()).toContain('40%');
    expect(await page.locator('#targets tr[data-key="new-members"]').innerText()).toContain('20名');
    expect(await page.locator('#chart-heat svg').count()).toBe(1);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    if (process.env.BOARD_SCREENSHOT) await page.screenshot({ path: process.env.BOARD_SCREENSHOT, fullPage: true });
    // Fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('drills down to a branch: its records with their photos, ledger, points and stars', async () => {
    await page.locator('#branches a', { hasText: '东湾村党支部' }).click();
    await page.locator('#records').waitFor();
    const records = await page.locator('#records').innerText();
    expect(records).toContain('研究冬季走访困难党员');
    expect(records).toContain('支委会');
    const img = page.locator('#records tr[data-record="1"] img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(40);
    expect(await page.locator('#points').innerText()).toContain('三星党员');
    expect(await page.locator('#ledger h2').innerText()).toContain('问题台账');
    if (process.env.BOARD_SCREENSHOT) await page.screenshot({ path: process.env.BOARD_SCREENSHOT.replace(/\.png$/, '-branch.png'), fullPage: true });
  });

  it('answers 403 and shows nothing for a tampered, an expired and a revoked link', async () => {
    const link = linkIn(await service.sayText(LEADING, 'sb-admin', '/看板'));
    const last = link.at(-1) === 'A' ? 'B' : 'A';
    const tampered = await page.goto(`${service.url}${link.slice(0, -1)}${last}`);
    expect(tampered?.status()).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain('东湾村');
    // Another organisation's id in a branch path, with a good token of a branch, is refused too.
    const photoOfOther = await page.goto(`${service.url}${link}/org/999999`);
    expect(photoOfOther?.status()).toBe(403);

    const reset = await service.sayText(LEADING, 'sb-leader', '/看板 重置');
    const fresh = linkIn(reset);
    const revoked = await page.goto(`${service.url}${link}`);
    expect(revoked?.status()).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain('东湾村');
    expect((await page.goto(`${service.url}${fresh}`))?.status()).toBe(200);

    clock.advance(31 * 86_400_000);
    const expired = await page.goto(`${service.url}${fresh}`);
    expect(expired?.status()).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain('东湾村');
    expect((await fetch(`${service.url}${fresh}/org/1`)).status).toBe(403);
  });
});
