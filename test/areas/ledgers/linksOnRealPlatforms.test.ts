import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../../support/larkConversation.ts';
import { createLogger } from '../../../src/core/log/logger.ts';

/**
 * A link in a Feishu reply must open on a phone: absolute with PUBLIC_BASE_URL, and without it no relative
 * 「/files/…」 or 「/board/…」 that leads nowhere, but a sentence saying why there is no link.
 */
const SECRETARY = 'ou_links_secretary';
const ADMIN = 'ou_links_admin';

async function bound(publicBaseUrl: string | undefined, logLines: string[]): Promise<LarkConversation> {
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const chat = await startLarkConversation({ log, ...(publicBaseUrl ? { env: { PUBLIC_BASE_URL: publicBaseUrl } } : {}) });
  const db = chat.service.database.prisma;
  const dongwan = await db.organization.findFirstOrThrow({ where: { name: '东湾村党支部', demo: false } });
  const member = (name: string) => db.member.findFirstOrThrow({ where: { name, organization: { demo: false } } });
  await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: SECRETARY, memberId: (await member('李春生')).id } });
  await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: ADMIN, memberId: (await member('郑晓明')).id } });
  await db.chatGroup.upsert({
    where: { platform_chatId: { platform: 'LARK', chatId: LARK_TEST_GROUP } },
    create: { platform: 'LARK', chatId: LARK_TEST_GROUP, organizationId: dongwan.id, purpose: 'BRANCH' },
    update: { organizationId: dongwan.id, purpose: 'BRANCH' },
  });
  return chat;
}

const warnings = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.msg.includes('PUBLIC_BASE_URL'));

describe('links in Feishu replies', () => {
  let chat: LarkConversation;
  const logLines: string[] = [];
  afterAll(async () => {
    await chat?.stop();
  });

  describe('without PUBLIC_BASE_URL', () => {
    beforeAll(async () => {
      chat = await bound(undefined, logLines);
    }, 120_000);

    it('start-up says so in one line', () => {
      expect(warnings(logLines)).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining('PUBLIC_BASE_URL 未设置') })]);
    });

    it('/导出 and /看板 say why there is no link instead of sending a relative one', async () => {
      const exported = await chat.say(SECRETARY, '/导出 积分');
      expect(exported).toContain('已导出：东湾村党支部-');
      expect(exported).toContain('还没有设置对外网址（PUBLIC_BASE_URL）');
      expect(exported).not.toContain('/files/');
      const board = await chat.say(ADMIN, '/看板');
      expect(board).toContain('还没有设置对外网址（PUBLIC_BASE_URL）');
      expect(board).not.toContain('/board/');
    });

    it('/查看简报 lists the attachments and says why they come without links', async () => {
      const receipt = await chat.say(SECRETARY, '/简报 东湾村附件链接测试\n正文一行。');
      const briefingId = Number(/编号\D*(\d+)/u.exec(receipt)![1]);
      const db = chat.service.database.prisma;
      const file = await db.storedFile.create({ data: { sha256: 'a'.repeat(64), path: 'documents/aa/x.pdf', mimeType: 'application/pdf', sizeBytes: 2048 } });
      const secretary = await db.member.findFirstOrThrow({ where: { name: '李春生', organization: { demo: false } } });
      await db.briefingAttachment.create({ data: { briefingId, fileId: file.id, fileName: '方案.pdf', uploaderId: secretary.id, platform: 'LARK' } });
      const detail = await chat.say(SECRETARY, `/查看简报 ${briefingId}`);
      expect(detail).toContain('方案.pdf（PDF，2 KB）');
      expect(detail).toContain('还没有设置对外网址（PUBLIC_BASE_URL）');
      expect(detail).not.toContain('/briefing-files/');
    });

    afterAll(async () => {
      await chat?.stop();
    });
  });

  describe('with PUBLIC_BASE_URL', () => {
    const lines: string[] = [];
    beforeAll(async () => {
      chat = await bound('https://zhibu.example.cn/', lines);
    }, 120_000);

    it('start-up has nothing to say about it', () => {
      expect(warnings(lines)).toEqual([]);
    });

    it('the export and board links are absolute, and the export link downloads the workbook', async () => {
      const exported = await chat.say(SECRETARY, '/导出 积分');
      const link = /https:\/\/zhibu\.example\.cn\/files\/([A-Za-z0-9_-]{32})/.exec(exported);
      expect(link, exported).not.toBeNull();
      const download = await fetch(`${chat.service.url}/files/${link![1]}`);
      expect(download.status).toBe(200);
      expect(
        Buffer.from(await download.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      expect(await chat.say(ADMIN, '/看板')).toMatch(/看板链接（30 天内有效）：https:\/\/zhibu\.example\.cn\/board\/[A-Za-z0-9._-]+/);
    });
  });
});
