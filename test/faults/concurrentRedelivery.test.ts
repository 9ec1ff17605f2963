import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';

describe('the same platform event delivered five times at once', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('has one effect and one reply in the chat', async () => {
    const db = service.database.prisma;
    const member = await db.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const deliveries = await Promise.all(
      Array.from({ length: 5 }, () => service.say('sb-group-dongwan', 'guest-1', `/绑定 赵大勇 ${member.phoneLast4}`, { messageId: 'same-event-1' })),
    );
    for (const replies of deliveries) {
      expect(replies.length).toBeLessThanOrEqual(1);
    }
    expect(deliveries.flat().every((r) => r.text.includes('绑定成功'))).toBe(true);
    expect(await db.chatIdentity.count({ where: { platformUserId: 'guest-1' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'bind.succeeded', targetId: 'SANDBOX:guest-1' } })).toBe(1);
    expect(await db.inboundEvent.count({ where: { eventId: 'same-event-1' } })).toBe(1);
    const log = (await (await fetch(`${service.url}/sandbox/api/groups/sb-group-dongwan/messages`)).json()) as { messages: { from: string }[] };
    expect(log.messages.filter((m) => m.from === 'bot')).toHaveLength(1);
  });
});
