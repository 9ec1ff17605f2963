import { describe, expect, it } from 'vitest';
import { publicBaseUrlWarning } from '../../src/app/publicBaseUrlWarning.ts';

describe('publicBaseUrlWarning', () => {
  it('warns once a real platform is on without PUBLIC_BASE_URL, and says how to set it', () => {
    for (const on of [
      { LARK_APP_ID: 'cli_x' },
      { WECHATY_PUPPET: 'wechaty-puppet-mock' },
      { ONEBOT_API_URL: 'http://127.0.0.1:3001' },
      { DINGTALK_CLIENT_ID: 'ding_x' },
    ]) {
      expect(publicBaseUrlWarning(on as never)).toContain('没有配置 PUBLIC_BASE_URL');
    }
  });

  it('stays quiet for the sandbox alone and once PUBLIC_BASE_URL is set', () => {
    expect(publicBaseUrlWarning({} as never)).toBeNull();
    expect(publicBaseUrlWarning({ LARK_APP_ID: 'cli_x', PUBLIC_BASE_URL: 'https://zhibu.example.cn' } as never)).toBeNull();
  });
});
