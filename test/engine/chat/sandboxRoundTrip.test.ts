import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';

describe.each(['pglite', 'postgres'] as const)('sandbox round trip on %s', (db) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ db });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers /帮助 with the commands a secretary may use', async () => {
    const [reply] = await service.say('sb-group-dongwan', 'sb-dw-secretary', '/帮助');
    expect(reply!.text).toContain('李春生');
    expect(reply!.text).toContain('/我的');
    expect(reply!.card).toMatchObject({ schema: '2.0' });
  });

  it('binds a guest by name and the last four digits of the phone, once', async () => {
    const member = await service.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const first = await service.sayText('sb-group-dongwan', 'guest-1', `/绑定 赵大勇 ${member.phoneLast4}`);
    expect(first[0]).toContain('绑定成功');
    expect(first[0]).not.toContain(member.phone!);
    const again = await service.sayText('sb-group-dongwan', 'guest-1', `/绑定 赵大勇 ${member.phoneLast4}`);
    expect(again[0]).toContain('已经绑定过了');
    const identities = await service.database.prisma.chatIdentity.count({ where: { platformUserId: 'guest-1' } });
    expect(identities).toBe(1);
  });
});
