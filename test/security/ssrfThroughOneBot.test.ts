import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeOneBotApi } from '../support/fakeOneBotApi.ts';
import { BOT_QQ, groupEvent, postOneBot } from '../support/oneBotEvents.ts';
import { makePng } from '../support/makeImages.ts';
import { inboundJobId } from '../../jobs/queues.ts';

const SECRET = 'ssrf-secret';
const GROUP = 880100;
const LIAISON_QQ = 30001;

/**
 * Picture links in QQ messages pointed at what lives on the service's own machine: Redis, PostgreSQL, the
 * service's /files, another loopback address, cloud metadata; directly and through a redirect; and links that
 * never answer. The real service with a fake OneBot implementation whose own address is the only non-public one
 * allowed (as a test configuration must say explicitly).
 */
describe('SSRF through OneBot picture links (real service)', () => {
  let service: TestService;
  let onebot: FakeOneBotApi;
  let canary: Server;
  let canaryPort = 0;
  const canaryHits: string[] = [];

  beforeAll(async () => {
    canary = createServer((req, res) => {
      canaryHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(makePng({ seed: 99 }));
    });
    await new Promise<void>((done) => canary.listen(0, '127.0.0.2', done));
    canaryPort = (canary.address() as AddressInfo).port;
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      env: {
        DEMO: '0',
        ONEBOT_SECRET: SECRET,
        ONEBOT_API_URL: onebot.url,
        // The fake's host:port, and 127.0.0.2 by name so that the address check (not the host list) must stop it.
        ONEBOT_MEDIA_HOSTS: `${new URL(onebot.url).host},127.0.0.2`,
        ONEBOT_MEDIA_ALLOW_PRIVATE: '127.0.0.1',
        PHOTO_FETCH_TIMEOUT_MS: '1000',
        ONEBOT_SEND_INTERVAL_MS: '0',
        ONEBOT_SEND_JITTER_MS: '0',
      },
    });
    const db = service.database.prisma;
    const branch = await db.organization.create({ data: { name: '测试村党支部', level: 'BRANCH', domain: 'VILLAGE' } });
    const liaison = await db.member.create({ data: { name: '王联络', organizationId: branch.id } });
    await db.memberRole.create({ data: { memberId: liaison.id, organizationId: branch.id, role: 'LIAISON' } });
    await db.chatIdentity.create({ data: { platform: 'QQ', platformUserId: String(LIAISON_QQ), memberId: liaison.id } });
    await db.chatGroup.create({ data: { platform: 'QQ', chatId: String(GROUP), organizationId: branch.id, purpose: 'BRANCH', boundAt: new Date() } });
  });
  afterAll(async () => {
    await service?.stop();
    await onebot?.stop();
    canary?.closeAllConnections();
    await new Promise((done) => canary?.close(done));
  });

  async function postPicture(url: string): Promise<number> {
    const event = groupEvent({ groupId: GROUP, userId: LIAISON_QQ, message: [{ type: 'image', data: { file: 'a.png', url } }] });
    expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
    return event.message_id;
  }

  async function jobOf(messageId: number) {
    return service.queues.inbound.getJob(inboundJobId({ platform: 'QQ', eventId: `${BOT_QQ}-${messageId}` }));
  }

  it('refuses every internal target with a Chinese answer, on the first attempt, and never connects to it', async () => {
    const db = service.database.prisma;
    const attacks: [string, RegExp][] = [
      ['http://127.0.0.1:6379/', /不在允许下载的服务器之列/], // Redis
      ['http://127.0.0.1:5432/', /不在允许下载的服务器之列/], // PostgreSQL
      [`${service.url}/files/anything`, /不在允许下载的服务器之列/], // the service's own downloads
      ['http://169.254.169.254/latest/meta-data/iam/', /不在允许下载的服务器之列/],
      [`http://127.0.0.2:${canaryPort}/secret`, /指向内部网络/],
      [`${onebot.url}/redirect?to=${encodeURIComponent(`http://127.0.0.2:${canaryPort}/after-redirect`)}`, /指向内部网络/],
      [`${onebot.url}/redirect?to=${encodeURIComponent('http://127.0.0.1:6379/')}`, /不在允许下载的服务器之列/],
      ['file:///etc/passwd', /不是 http 或 https 链接/],
    ];
    const before = onebot.sendsTo(GROUP).length;
    const ids: number[] = [];
    for (const [url] of attacks) ids.push(await postPicture(url));
    await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBe(before + attacks.length), { timeout: 60_000, interval: 100 });
    const texts = onebot
      .sendsTo(GROUP)
      .slice(before)
      .map((s) => s.text);
    for (const [index, [url, expected]] of attacks.entries()) {
      const reply = onebot.sendsTo(GROUP).find((s) => s.message[0]?.type === 'reply' && s.message[0].data.id === String(ids[index]));
      expect([url, reply?.text]).toEqual([url, expect.stringMatching(expected)]);
      const job = await jobOf(ids[index]!);
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsMade).toBe(1);
    }
    for (const text of texts) expect(text).not.toMatch(/系统出错|Error|ECONN/);
    expect(canaryHits).toEqual([]);
    expect(await db.tracePhoto.count()).toBe(0);
  }, 90_000);

  it('still saves a picture from the allowed server', async () => {
    onebot.images.set('real.png', makePng({ seed: 5, width: 8, height: 8 }));
    const before = onebot.sendsTo(GROUP).length;
    await postPicture(`${onebot.url}/images/real.png`);
    await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBe(before + 1), { timeout: 30_000, interval: 100 });
    expect(onebot.sendsTo(GROUP).at(-1)!.text).toContain('已存为测试村党支部的痕迹');
    expect(await service.database.prisma.tracePhoto.count()).toBe(1);
  }, 60_000);

  it('eight links that never answer are each given up at the deadline and answered; the next command is answered too', async () => {
    const before = onebot.sendsTo(GROUP).length;
    const slow: number[] = [];
    for (let i = 0; i < 8; i++) slow.push(await postPicture(`${onebot.url}/hang/${i}.png`));
    const command = groupEvent({ groupId: GROUP, userId: LIAISON_QQ, message: '/我的' });
    expect((await postOneBot(service.url, command, SECRET)).status).toBe(204);
    await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBe(before + 9), { timeout: 60_000, interval: 100 });
    const replies = onebot.sendsTo(GROUP).slice(before);
    expect(replies.filter((r) => r.text.includes('图片下载超时'))).toHaveLength(8);
    expect(replies.filter((r) => r.text.includes('我的信息'))).toHaveLength(1);
    for (const id of slow) expect((await jobOf(id))!.attemptsMade).toBe(1);
    expect(await service.database.prisma.tracePhoto.count()).toBe(1);
  }, 90_000);
});
