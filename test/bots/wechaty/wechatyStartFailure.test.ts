import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import type { WechatyAdapter } from '../../../bots/wechaty/WechatyAdapter.ts';

describe('a WeChat puppet that cannot start', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: { WECHATY_PUPPET: 'wechaty-puppet-that-is-not-installed', SANDBOX: '1', DEMO: '1' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('leaves the rest of the service running and says so on the login page', async () => {
    const adapter = service.adapters.get('WECHAT') as WechatyAdapter;
    expect(adapter.bot).toBeNull();
    expect(await (await fetch(`${service.url}/wechat/login/status`)).json()).toMatchObject({ status: 'error' });
    expect(await (await fetch(`${service.url}/wechat/login`)).text()).toContain('启动失败');
    const replies = await service.sayText('sb-group-dongwan', 'sb-dw-secretary', '/我的');
    expect(replies[0]).toContain('我的信息 · 李春生');
  });
});
