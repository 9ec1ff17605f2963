import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { OneBotApiClient } from '../../../bots/onebot/OneBotApiClient.ts';
import { FakeOneBotApi } from '../../support/fakeOneBotApi.ts';

describe('OneBotApiClient', () => {
  let fake: FakeOneBotApi;
  let client: OneBotApiClient;
  beforeAll(async () => {
    fake = await new FakeOneBotApi().start();
    client = new OneBotApiClient({ baseUrl: `${fake.url}/`, accessToken: 'tok', timeoutMs: 2000 });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('sends text and a base64 picture and returns the message id', async () => {
    const id = await client.sendGroupMessage('123456', [
      { type: 'text', data: { text: '【星级党员榜】' } },
      { type: 'image', data: { file: 'base64://iVBORw0KGgo=' } },
    ]);
    expect(id).toMatch(/^\d+$/);
    expect(fake.sends.at(-1)).toMatchObject({ groupId: 123456, authorization: 'Bearer tok', text: '【星级党员榜】' });
    expect(fake.sends.at(-1)!.message[1]).toEqual({ type: 'image', data: { file: 'base64://iVBORw0KGgo=' } });
  });

  it('gives up at once on answers that will not change (wrong token, bad request)', async () => {
    fake.failures.push({ httpStatus: 401, body: {} });
    await expect(client.sendGroupMessage('1', [{ type: 'text', data: { text: 'x' } }])).rejects.toBeInstanceOf(UnrecoverableError);
    fake.failures.push({ body: { status: 'failed', retcode: 1400, data: null, message: 'bad group' } });
    await expect(client.sendGroupMessage('1', [{ type: 'text', data: { text: 'x' } }])).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('lets passing failures be retried', async () => {
    fake.failures.push({ httpStatus: 502, body: {} });
    const error = await client.sendGroupMessage('1', [{ type: 'text', data: { text: 'x' } }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    fake.failures.push({ body: { status: 'failed', retcode: 100, data: null } });
    const again = await client.sendGroupMessage('1', [{ type: 'text', data: { text: 'x' } }]).catch((e: unknown) => e);
    expect(again).not.toBeInstanceOf(UnrecoverableError);
    expect(String((again as Error).message)).toContain('retcode 100');
  });

  it('answer() hands back a refusal or a missing action as a value, and still throws when the API is away', async () => {
    fake.unsupported.add('get_group_file_url');
    expect(await client.answer('get_group_file_url', { group_id: 1, file_id: '/x' })).toEqual({ ok: false, retcode: 1404, why: 'HTTP 404' });
    fake.unsupported.clear();
    expect(await client.answer('get_group_file_url', { group_id: 1, file_id: '/x' })).toEqual({ ok: false, retcode: 1200, why: 'real fileUUID not found!' });
    fake.groupFiles.set('/x', { name: 'a.csv', bytes: Buffer.from('a') });
    expect(await client.answer('get_group_file_url', { group_id: 1, file_id: '/x' })).toEqual({
      ok: true,
      data: { url: `${fake.url}/group-files/%2Fx?fname=` },
    });
    fake.failures.push({ httpStatus: 502, body: {} });
    await expect(client.answer('get_file', { file_id: '/x' })).rejects.toThrow('answered HTTP 502');
    // call() keeps treating a missing action as permanent.
    fake.unsupported.add('upload_group_file');
    await expect(client.call('upload_group_file', { group_id: 1, file: 'base64://YQ==', name: 'a.csv' })).rejects.toBeInstanceOf(UnrecoverableError);
    fake.unsupported.clear();
  });
});
