import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { makePng } from '../../support/makeImages.ts';
import { PhotoRejectedError, savePhoto } from '../../../src/areas/traces/photoStore.ts';

describe('photoStore', () => {
  let service: TestService;
  const db = () => service.database.prisma;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });
  const base = async () => ({
    dataDir: service.dataDir,
    maxBytes: 10_000,
    organizationId: (await db().organization.findUniqueOrThrow({ where: { name: '南塘社区党支部' } })).id,
    uploaderId: (await db().member.findFirstOrThrow({ where: { name: '杨芳' } })).id,
    platform: 'WECHAT' as const,
  });

  it('keeps one file for two organisations, one photo row each', async () => {
    const png = makePng({ seed: 500 });
    const input = await base();
    const first = await savePhoto(db(), { ...input, bytes: png });
    expect(first).toMatchObject({ status: 'stored', newFile: true });
    const otherOrg = (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    const second = await savePhoto(db(), { ...input, organizationId: otherOrg, bytes: png });
    expect(second).toMatchObject({ status: 'stored', newFile: false, fileId: first.fileId });
    const again = await savePhoto(db(), { ...input, bytes: png });
    expect(again).toMatchObject({ status: 'duplicate', photoId: first.photoId });
    expect(await db().storedFile.count({ where: { id: first.fileId } })).toBe(1);
    expect(await db().tracePhoto.count({ where: { fileId: first.fileId } })).toBe(2);
  });

  it("records the picture's size, and reports a retried message as stored rather than as a duplicate", async () => {
    const png = makePng({ seed: 503, width: 7, height: 3 });
    const input = { ...(await base()), platformMessageId: 'wx-msg-1' };
    const first = await savePhoto(db(), { ...input, bytes: png });
    expect(await db().storedFile.findUniqueOrThrow({ where: { id: first.fileId } })).toMatchObject({ width: 7, height: 3, mimeType: 'image/png' });
    const retried = await savePhoto(db(), { ...input, bytes: png });
    expect(retried).toMatchObject({ status: 'stored', photoId: first.photoId, newFile: false });
    const otherMessage = await savePhoto(db(), { ...input, platformMessageId: 'wx-msg-2', bytes: png });
    expect(otherMessage.status).toBe('duplicate');
    expect(await db().tracePhoto.count({ where: { fileId: first.fileId } })).toBe(1);
  });

  it('writes the file back when a row exists but the file went missing', async () => {
    const png = makePng({ seed: 501 });
    const input = await base();
    const stored = await savePhoto(db(), { ...input, bytes: png });
    const file = await db().storedFile.findUniqueOrThrow({ where: { id: stored.fileId } });
    rmSync(join(service.dataDir, file.path));
    await savePhoto(db(), { ...input, bytes: png });
    expect(readFileSync(join(service.dataDir, file.path)).equals(png)).toBe(true);
  });

  it('leaves at worst an orphan file, never a row without a file, when the rows cannot be written', async () => {
    const png = makePng({ seed: 502 });
    const input = await base();
    await expect(savePhoto(db(), { ...input, organizationId: 999_999, bytes: png })).rejects.toThrow();
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(png).digest('hex');
    expect(await db().storedFile.count({ where: { sha256: hash } })).toBe(0);
    expect(existsSync(join(service.dataDir, 'photos', hash.slice(0, 2), `${hash}.png`))).toBe(true);
  });

  it('rejects empty, oversized and non-image bytes with a typed reason', async () => {
    const input = await base();
    const reason = (bytes: Buffer) =>
      savePhoto(db(), { ...input, bytes }).then(
        () => 'stored',
        (e: unknown) => (e instanceof PhotoRejectedError ? e.reason : 'other'),
      );
    expect(await reason(Buffer.alloc(0))).toBe('empty');
    expect(await reason(makePng({ width: 64, height: 64, noise: true }))).toBe('too_large');
    expect(await reason(Buffer.from('%PDF-1.4 not a picture'))).toBe('not_image');
  });
});
