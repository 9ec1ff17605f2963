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
});
