import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { openHeadlessChromium, type HeadlessChromium } from '../../support/headlessChromium.ts';
import { makeDocx } from '../../support/makeDocuments.ts';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('the /sandbox page in headless Chromium', () => {
  let service: TestService;
  let browser: HeadlessChromium | undefined;
  let page: Page;

  beforeAll(async () => {
    // Required, never skipped: .ci/run installs Debian's chromium when it is missing.
    service = await startTestService();
    browser = await openHeadlessChromium();
    page = browser.page;
    await page.goto(`${service.url}/sandbox`);
    await page.waitForSelector('body[data-ready="1"]');
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('lets a secretary pick a persona and a group, type /帮助 and read the reply card', async () => {
    await page.selectOption('#persona', 'sb-dw-secretary');
    await page.selectOption('#group', 'sb-group-dongwan');
    await page.fill('#text', '/帮助');
    await page.press('#text', 'Enter');
    const card = page.locator('.line.bot .card').filter({ hasText: '指令帮助' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('支部助手 · 指令帮助');
    expect(text).toContain('李春生');
    expect(text).toContain('/我的');
    expect(await page.locator('.line.user .bubble').last().innerText()).toBe('/帮助');
    expect(await page.locator('#groupInfo').innerText()).toContain('东湾村党支部');
  });

  it('runs the command of a card button, and shows each line once, whatever the poll and the refresh after sending bring', async () => {
    await page.locator('.line.bot .card button[data-command="/我的"]').first().click();
    await page.locator('.line.bot .card').filter({ hasText: '我的信息 · 李春生' }).waitFor();
    // Let the 2-second poll run again over the same lines.
    await page.waitForResponse((r) => r.url().includes('/sandbox/api/groups/sb-group-dongwan/messages'));
    await page.waitForResponse((r) => r.url().includes('/sandbox/api/groups/sb-group-dongwan/messages'));
    const ids = await page.locator('#log .line').evaluateAll((lines) => lines.map((l) => (l as HTMLElement).dataset.id));
    expect(ids).toHaveLength(4);
    expect(await page.locator('.line.user .bubble').last().innerText()).toBe('/我的');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows a posted picture', async () => {
    await page.setInputFiles('#file', { name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1x1, 'base64') });
    const picture = page.locator('.line.user img.pic');
    await picture.waitFor();
    // The sandbox keeps pictures on disk and shows them by their upload id (never base64 in Redis).
    expect(await picture.getAttribute('src')).toMatch(/^\/sandbox\/api\/uploads\/[\w-]+$/u);
    await page.waitForFunction(() => (document.querySelector('.line.user img.pic') as HTMLImageElement | null)?.naturalWidth === 1);
  });

  it('starts afresh when switching group, showing only that group', async () => {
    await page.selectOption('#group', 'sb-group-leading');
    await page.locator('#log .empty').waitFor();
    expect(await page.locator('#log .line').count()).toBe(0);
    expect(await page.locator('#groupInfo').innerText()).toContain('领导小组群');
  });

  it('files a 简报 with the Word file picked after typing its text: the text goes with the file', async () => {
    // Last: its review card goes to the leading group, which the test before expects empty.
    await page.selectOption('#group', 'sb-group-dongwan');
    await page.selectOption('#persona', 'sb-dw-secretary');
    expect(await page.locator('#file').getAttribute('accept')).toContain('.docx');
    await page.fill('#text', '/简报 东湾村页面附件测试\n正文一行。');
    await page.setInputFiles('#file', {
      name: '活动总结.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: makeDocx('页面'),
    });
    const card = page.locator('.line.bot .card').filter({ hasText: '简报已报送' });
    await card.waitFor();
    expect(await card.innerText()).toContain('1 个（Word 1）：活动总结.docx');
  });
});
