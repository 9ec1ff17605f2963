import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/core/config/loadConfig.ts';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TZ_NAME: 'Asia/Shanghai',
      QUEUE_PREFIX: 'zhibu',
      ROLE: 'all',
      DEMO: true,
      SANDBOX: true,
      LOG_LEVEL: 'info',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.LARK_APP_ID).toBeUndefined();
  });

  it('treats empty and blank strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '   ', REDIS_URL: '', LARK_APP_ID: '', DEMO: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.LARK_APP_ID).toBeUndefined();
    expect(config.DEMO).toBe(true);
  });

  it('reads given values and converts numbers and flags', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://db:5432/zhibu',
      REDIS_URL: 'rediss://cache:6380',
      TZ_NAME: 'Asia/Urumqi',
      ROLE: 'all',
      DEMO: '0',
      SANDBOX: 'no',
      PHOTO_MAX_BYTES: '2048',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://db:5432/zhibu',
      TZ_NAME: 'Asia/Urumqi',
      ROLE: 'all',
      DEMO: false,
      SANDBOX: false,
      PHOTO_MAX_BYTES: 2048,
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/zhibu'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['TZ_NAME', 'Mars/Olympus'],
    ['ROLE', 'both'],
    ['DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['QUEUE_PREFIX', 'has space'],
    ['PHOTO_MAX_BYTES', '-1'],
    ['LARK_DOMAIN', 'not a url'],
  ])('names %s when it is invalid (%s)', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(value);
  });

  it('lists every invalid variable at once, in a message that starts with a Chinese summary', () => {
    try {
      loadConfig({ PORT: 'x', ROLE: 'y' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^配置有误/);
      expect((error as Error).message).toContain('PORT:');
      expect((error as Error).message).toContain('ROLE:');
    }
  });

  it('names the missing variable when a required companion is absent', () => {
    expect(problemsOf({ LARK_APP_ID: 'cli_x' })).toEqual(['LARK_APP_SECRET: required when LARK_APP_ID is set']);
  });

  it('asks for all three DingTalk variables once one is set', () => {
    expect(problemsOf({ DINGTALK_CLIENT_ID: 'dingabc' })).toEqual([
      'DINGTALK_CLIENT_SECRET: required when any of DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET, DINGTALK_ROBOT_CODE is set',
      'DINGTALK_ROBOT_CODE: required when any of DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET, DINGTALK_ROBOT_CODE is set',
    ]);
    const config = loadConfig({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's', DINGTALK_ROBOT_CODE: 'dingabc' });
    expect(config.DINGTALK_GATEWAY_URL).toBe('https://api.dingtalk.com/v1.0/gateway/connections/open');
  });

  it('asks for DATABASE_URL when web and workers run apart', () => {
    expect(problemsOf({ ROLE: 'web' })).toEqual(['DATABASE_URL: required when ROLE=web (the embedded PGlite database cannot be shared between processes)']);
    expect(loadConfig({ ROLE: 'worker', DATABASE_URL: 'postgresql://db/zhibu' }).ROLE).toBe('worker');
  });

  it('never repeats the value of a secret in the error', () => {
    const problems = problemsOf({ ONEBOT_API_URL: 'no-url', LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's3cr3t-value', LARK_DOMAIN: 'bad' });
    expect(problems.join('\n')).not.toContain('s3cr3t-value');
  });
});
