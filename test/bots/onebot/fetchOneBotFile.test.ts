import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { fetchOneBotFile, type FetchOneBotFileOptions } from '../../../bots/onebot/fetchOneBotFile.ts';
import { OneBotApiClient } from '../../../bots/onebot/OneBotApiClient.ts';
import { UserError } from '../../../src/core/errors/UserError.ts';
import { FakeOneBotApi } from '../../support/fakeOneBotApi.ts';

const MAX = 4096;

describe('fetchOneBotFile against a fake OneBot implementation', () => {
  let fake: FakeOneBotApi;
  let api: OneBotApiClient;
  let options: FetchOneBotFileOptions;
  const roster = Buffer.from('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,张三,13900001111,党员,否\r\n');
  const ref = (fileId: string, extra: { size?: number; busid?: number } = {}) => ({
    kind: 'onebot' as const,
    groupId: '700300',
    fileId,
    fileName: '名册.csv',
    ...extra,
  });

  beforeAll(async () => {
    fake = await new FakeOneBotApi().start();
    api = new OneBotApiClient({ baseUrl: fake.url, timeoutMs: 2000 });
    const host = new URL(fake.url).host;
    options = { maxBytes: MAX, timeoutMs: 2000, allowedHosts: [host], allowPrivate: ['127.0.0.1'], log: pino({ level: 'silent' }) };
    fake.groupFiles.set('/csv-1', { name: '名册.csv', bytes: roster });
    fake.groupFiles.set('/big', { name: '大名册.csv', bytes: Buffer.alloc(MAX + 1, 0x41) });
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.unsupported.clear();
    fake.getFileBase64 = true;
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('downloads from the address get_group_file_url gives, passing group, file id and busid', async () => {
    const got = await fetchOneBotFile(api, ref('/csv-1', { size: roster.length, busid: 102 }), options);
    expect(Buffer.compare(got.bytes, roster)).toBe(0);
    expect(got.fileName).toBe('名册.csv');
    expect(got.mimeType).toBeUndefined();
    expect(fake.calls).toEqual([{ action: 'get_group_file_url', body: { group_id: 700300, file_id: '/csv-1', busid: 102 } }]);
  });

  it('falls back to get_file and its base64 when get_group_file_url does not exist (HTTP 404)', async () => {
    fake.unsupported.add('get_group_file_url');
    const got = await fetchOneBotFile(api, ref('/csv-1'), options);
    expect(Buffer.compare(got.bytes, roster)).toBe(0);
    expect(fake.calls.map((c) => c.action)).toEqual(['get_group_file_url', 'get_file']);
    expect(fake.calls[1]!.body).toEqual({ file_id: '/csv-1', file: '/csv-1' });
  });

  it('falls back to get_file when get_group_file_url is refused or gives a local path, never reading the path', async () => {
    fake.failures.push({ body: { status: 'failed', retcode: 1200, data: null, message: 'PacketClient is not init' } });
    expect(Buffer.compare((await fetchOneBotFile(api, ref('/csv-1'), options)).bytes, roster)).toBe(0);
    // LLOneBot answers a file:// address on its own machine.
    fake.failures.push({ body: { status: 'ok', retcode: 0, data: { url: 'file:///etc/passwd' } } });
    expect(Buffer.compare((await fetchOneBotFile(api, ref('/csv-1'), options)).bytes, roster)).toBe(0);
    expect(fake.calls.map((c) => c.action)).toEqual(['get_group_file_url', 'get_file', 'get_group_file_url', 'get_file']);
  });

  it('says in Chinese that the file cannot be had when get_file gives only a path (enableLocalFile2Url off)', async () => {
    fake.unsupported.add('get_group_file_url');
    fake.getFileBase64 = false;
    const error = await fetchOneBotFile(api, ref('/csv-1'), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('没能从 QQ 取到文件「名册.csv」。请稍后重新发送；如果一直不行，请联系系统管理员检查 QQ 机器人的设置。');
  });

  it('refuses a file over the limit: by the size the report gave (no call at all), while downloading, and in get_file', async () => {
    const known = await fetchOneBotFile(api, ref('/big', { size: MAX + 1 }), options).catch((e: unknown) => e);
    expect((known as Error).message).toBe('文件「名册.csv」超过 4 KB，无法接收。请删去不需要的内容或分成几个文件后重新发送。');
    expect(fake.calls).toEqual([]);
    const streamed = await fetchOneBotFile(api, ref('/big', { size: 10 }), options).catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(UserError);
    expect((streamed as Error).message).toBe('文件超过 4 KB，无法接收，请删去不需要的内容或分成几个文件后重新发送。');
    fake.unsupported.add('get_group_file_url');
    const answered = await fetchOneBotFile(api, ref('/big'), options).catch((e: unknown) => e);
    expect((answered as Error).message).toContain('超过 4 KB，无法接收');
  });

  it('refuses a download address that is not allowed, with the address checks of picture links', async () => {
    fake.failures.push({ body: { status: 'ok', retcode: 0, data: { url: `${fake.url}/group-files/%2Fcsv-1` } } });
    const error = await fetchOneBotFile(api, ref('/csv-1'), { ...options, allowPrivate: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('文件地址指向内部网络，出于安全考虑没有下载。请直接在群里发送文件。');
  });
});
