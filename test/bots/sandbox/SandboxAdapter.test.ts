import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';

describe('the sandbox JSON API', () => {
  let service: TestService;
  let last4: string;
  beforeAll(async () => {
    service = await startTestService();
    last4 = (await service.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } })).phoneLast4!;
  });
  afterAll(async () => {
    await service?.stop();
  });

  const post = (body: unknown) =>
    fetch(`${service.url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const lines = async (group: string) =>
    ((await (await fetch(`${service.url}/sandbox/api/groups/${group}/messages`)).json()) as { messages: { id: string; from: string; text: string }[] })
      .messages;

  it('lists the personas (each demo role, plus an unbound guest) and the groups', async () => {
    const { personas } = (await (await fetch(`${service.url}/sandbox/api/personas`)).json()) as {
      personas: { id: string; roleLabel: string; bound: boolean }[];
    };
    const labels = personas.map((p) => p.roleLabel).join(' ');
    for (const role of ['书记', '联络员', '党员', '领导小组', '组织办']) expect(labels).toContain(role);
    expect(personas.some((p) => !p.bound)).toBe(true);
    const { groups } = (await (await fetch(`${service.url}/sandbox/api/groups`)).json()) as { groups: { id: string; purpose: string | null }[] };
    expect(groups.map((g) => g.purpose)).toEqual(expect.arrayContaining(['支部群', '联络员群', '领导小组群']));
  });

  it('gives one effect for the same message delivered twice (same messageId)', async () => {
    const body = { group: 'sb-group-dongwan', user: 'guest-1', text: `/绑定 赵大勇 ${last4}`, messageId: 'twice-1' };
    const first = (await (await post(body)).json()) as { replies: { text: string }[] };
    const second = (await (await post(body)).json()) as { replies: { text: string }[] };
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]!.text).toContain('绑定成功');
    // The re-delivery gets the same answer, not a second "已经绑定过了".
    expect(second.replies.map((r) => r.text)).toEqual(first.replies.map((r) => r.text));
    const prisma = service.database.prisma;
    expect(await prisma.chatIdentity.count({ where: { platformUserId: 'guest-1' } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: 'bind.succeeded', targetId: 'SANDBOX:guest-1' } })).toBe(1);
    expect(await prisma.inboundEvent.count({ where: { eventId: 'twice-1' } })).toBe(1);
    const inChat = (await lines('sb-group-dongwan')).filter((l) => l.id === 'twice-1' || l.id.startsWith('SANDBOX:twice-1:'));
    expect(inChat.map((l) => l.from)).toEqual(['user', 'bot']);
  });

  it('keeps the conversation of each group, in order, for the page', async () => {
    await service.say('sb-group-jixie', 'sb-jx-secretary', '/我的');
    const chat = await lines('sb-group-jixie');
    expect(chat.map((l) => l.from)).toEqual(['user', 'bot']);
    expect(chat[1]!.text).toContain('林国栋');
    expect(await lines('sb-group-leading')).toEqual([]);
    const after = (await (await fetch(`${service.url}/sandbox/api/groups/sb-group-jixie/messages?after=${encodeURIComponent(chat[0]!.id)}`)).json()) as {
      messages: unknown[];
    };
    expect(after.messages).toHaveLength(1);
  });

  it('shows a posted picture in the conversation by reference: the bytes are on disk, not in Redis', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const response = await post({ group: 'sb-group-dongwan', user: 'sb-dw-liaison', imageBase64: png, fileName: 'dot.png' });
    expect(response.status).toBe(200);
    const chat = (await (await fetch(`${service.url}/sandbox/api/groups/sb-group-dongwan/messages`)).json()) as {
      messages: { from: string; image?: string; imageBase64?: string }[];
    };
    const line = chat.messages.find((l) => l.from === 'user' && l.image);
    expect(line).toBeDefined();
    expect(line!.imageBase64).toBeUndefined();
    const served = await fetch(`${service.url}/sandbox/api/uploads/${line!.image}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).toString('base64')).toBe(png);
  });

  it('refuses a picture over PHOTO_MAX_BYTES, or not base64, saying why', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 1).toString('base64');
    const tooBig = await post({ group: 'sb-group-dongwan', user: 'sb-dw-liaison', imageBase64: big, fileName: 'big.png' });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toContain('图片太大');
    const garbage = await post({ group: 'sb-group-dongwan', user: 'sb-dw-liaison', imageBase64: '***', fileName: 'x.png' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: string }).error).toContain('base64');
  });

  it('answers malformed requests with 400 and unknown people or groups with 404, in Chinese', async () => {
    const empty = await post({ group: 'sb-group-dongwan', user: 'sb-dw-member', text: '   ' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toBe('请求格式不对');
    const notJson = await fetch(`${service.url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const nobody = await post({ group: 'sb-group-dongwan', user: 'nobody', text: '/帮助' });
    expect(nobody.status).toBe(404);
    expect(((await nobody.json()) as { error: string }).error).toContain('没有这个身份：nobody');
    const nowhere = await post({ group: 'no-group', user: 'sb-dw-member', text: '/帮助' });
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { error: string }).error).toContain('没有这个群：no-group');
  });
});
