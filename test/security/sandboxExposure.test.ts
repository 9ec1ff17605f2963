import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { TEST_REDIS_URL } from '../support/testRedis.ts';
import { SandboxChatLog, KEEP_PER_CHAT, MAX_PAGE } from '../../bots/sandbox/SandboxChatLog.ts';
import { makePng } from '../support/makeImages.ts';

/**
 * Attack (issue 11, found 2 and 5): the sandbox, open to the network, stored 40 MiB pictures twice in Redis (job
 * and a chat log without expiry): 16 posts took Redis to 1.9 GB. Now it takes pictures up to PHOTO_MAX_BYTES,
 * keeps them on disk with only ids in Redis, expires and caps its log, pages its reads and limits each client.
 */
const PHOTO_MAX = 1024 * 1024;
const RATE = 400;

describe('the sandbox is safe by default', () => {
  let service: TestService;
  let redis: Redis;

  /** Bytes Redis holds under this service's prefix (MEMORY USAGE of every key). */
  async function prefixBytes(): Promise<number> {
    let total = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${service.prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) total += Number((await redis.memory('USAGE', key)) ?? 0);
    } while (cursor !== '0');
    return total;
  }

  const post = (body: unknown) =>
    fetch(`${service.url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    service = await startTestService({ env: { PHOTO_MAX_BYTES: String(PHOTO_MAX), SANDBOX_RATE_PER_MINUTE: String(RATE), SANDBOX_LOG_TTL_HOURS: '2' } });
    redis = new Redis(TEST_REDIS_URL);
  }, 120_000);
  afterAll(async () => {
    redis?.disconnect();
    await service?.stop();
  });

  it('16 posts of 40 MiB pictures are refused at the door and leave Redis small', async () => {
    const before = await prefixBytes();
    const huge = Buffer.alloc(40 * 1024 * 1024, 7).toString('base64');
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const response = await post({ group: 'sb-group-dongwan', user: 'sb-dw-liaison', imageBase64: huge, fileName: `big-${i}.jpg` });
      statuses.push(response.status);
      await response.body?.cancel().catch(() => undefined);
    }
    expect(statuses.every((s) => s === 413)).toBe(true);
    expect((await prefixBytes()) - before).toBeLessThan(256 * 1024);
    expect(await service.database.prisma.inboundEvent.count({ where: { platform: 'SANDBOX' } })).toBe(0);
  }, 240_000);

  it('pictures within PHOTO_MAX_BYTES travel by reference: neither the job nor the chat log holds the bytes', async () => {
    const before = await prefixBytes();
    for (let i = 0; i < 16; i++) {
      const picture = Buffer.concat([makePng({ width: 8, height: 8, seed: 300 + i }), Buffer.alloc(PHOTO_MAX - 2048, i)]);
      const response = await post({ group: 'sb-group-dongwan', user: 'sb-dw-liaison', imageBase64: picture.toString('base64'), fileName: `p-${i}.png` });
      expect(response.status).toBe(200);
    }
    // 16 MiB of pictures went in; Redis grew by a few dozen small lines and jobs.
    expect((await prefixBytes()) - before).toBeLessThan(1024 * 1024);
    const jobs = await service.queues.inbound.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    const withImages = jobs.filter((j) => j.data.images.length > 0);
    expect(withImages.length).toBeGreaterThan(0);
    expect(withImages.every((j) => j.data.images.every((ref) => ref.kind === 'sandbox') && JSON.stringify(j.data).length < 4096)).toBe(true);
    const { messages } = (await (await fetch(`${service.url}/sandbox/api/groups/sb-group-dongwan/messages?limit=100`)).json()) as {
      messages: Record<string, unknown>[];
    };
    expect(messages.some((m) => typeof m.image === 'string')).toBe(true);
    expect(messages.every((m) => JSON.stringify(m).length < 16_384)).toBe(true);
  }, 240_000);

  it('its log expires and is capped, and its reads are paged', async () => {
    const ttl = await redis.ttl(`${service.prefix}:sandbox:chat:sb-group-dongwan`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * 3600);
    const log = new SandboxChatLog(redis, service.prefix, 60);
    for (let i = 0; i < KEEP_PER_CHAT + 40; i++)
      await log.append('sb-group-jixie', { id: `cap-${i}`, from: 'user', text: `第${i}条`, at: new Date().toISOString() });
    expect(await redis.llen(`${service.prefix}:sandbox:chat:sb-group-jixie`)).toBe(KEEP_PER_CHAT);
    const page = (await (await fetch(`${service.url}/sandbox/api/groups/sb-group-jixie/messages?limit=100000`)).json()) as {
      messages: { id: string }[];
      more: boolean;
    };
    expect(page.messages).toHaveLength(MAX_PAGE);
    expect(page.more).toBe(true);
    expect(page.messages.at(-1)!.id).toBe(`cap-${KEEP_PER_CHAT + 39}`);
  });

  it('answers only its own groups', async () => {
    await service.database.prisma.chatGroup.create({ data: { platform: 'LARK', chatId: 'oc_real_group', name: '真实飞书群' } });
    expect((await fetch(`${service.url}/sandbox/api/groups/oc_real_group/messages`)).status).toBe(404);
    expect((await post({ group: 'oc_real_group', user: 'sb-admin', text: '/帮助' })).status).toBe(404);
    const { groups } = (await (await fetch(`${service.url}/sandbox/api/groups`)).json()) as { groups: { id: string }[] };
    expect(groups.every((g) => g.id.startsWith('sb-'))).toBe(true);
  });

  it(`limits each client to ${RATE} requests a minute (in Redis), and keeps serving`, async () => {
    // The limit counts per clock minute: a burst that straddles a minute boundary is counted in two windows.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const statuses = await Promise.all(Array.from({ length: RATE + 20 }, () => fetch(`${service.url}/sandbox/api/groups`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    const limited = await fetch(`${service.url}/sandbox/api/personas`);
    if (limited.status === 429) expect(((await limited.json()) as { error: string }).error).toContain('请求太频繁');
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
