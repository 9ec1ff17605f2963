import { describe, expect, it } from 'vitest';
import { linkBase } from '../../../src/core/config/linkBase.ts';

describe('where links in chat point', () => {
  it('uses PUBLIC_BASE_URL whenever it is set, without a trailing slash', () => {
    expect(linkBase({ PUBLIC_BASE_URL: 'https://zhibu.example.cn/' }, 'LARK')).toBe('https://zhibu.example.cn');
    expect(linkBase({ PUBLIC_BASE_URL: 'https://zhibu.example.cn', LARK_APP_ID: 'cli_x' })).toBe('https://zhibu.example.cn');
  });

  it('without it: a path for the sandbox page, nothing for a real chat', () => {
    expect(linkBase({}, 'SANDBOX')).toBe('');
    for (const platform of ['LARK', 'WECHAT', 'QQ', 'DINGTALK'] as const) expect(linkBase({}, platform)).toBeNull();
  });

  it('for a push to groups of any platform: a path only while no real platform is configured', () => {
    expect(linkBase({})).toBe('');
    expect(linkBase({ LARK_APP_ID: 'cli_x' })).toBeNull();
    expect(linkBase({ DINGTALK_CLIENT_ID: 'ding_x' })).toBeNull();
    expect(linkBase({ WECHATY_PUPPET: 'wechaty-puppet-mock' })).toBeNull();
  });
});
