import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripImageMetadata } from '../../src/areas/traces/stripImageMetadata.ts';
import { jpegWithGps, makeExifWithGps } from '../support/makeExif.ts';
import { makePng } from '../support/makeImages.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';

function photo(format: 'jpeg' | 'webp', seed: number): Buffer {
  const canvas = createCanvas(40, 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${seed * 40}, 120, ${255 - seed * 30})`;
  ctx.fillRect(0, 0, 40, 30);
  ctx.fillStyle = '#c00';
  ctx.fillRect(seed, 5, 10, 10);
  return format === 'jpeg' ? canvas.encodeSync('jpeg', 90) : canvas.encodeSync('webp', 90);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** The scan data, from the start-of-scan marker on: must come through untouched. */
function scan(jpeg: Buffer): Buffer {
  return jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));
}

describe('stripImageMetadata', () => {
  it('JPEG: GPS, EXIF and comments gone, orientation kept, pixels untouched', async () => {
    const original = jpegWithGps(photo('jpeg', 1));
    const gps = await exifr.gps(original);
    expect(gps?.latitude).toBeCloseTo(31.2304, 3);
    expect(gps?.longitude).toBeCloseTo(121.4737, 3);
    expect(original.includes(Buffer.from('serial F2LX1234'))).toBe(true);

    const stripped = stripImageMetadata(original, 'jpg');
    expect(await exifr.gps(stripped)).toBeUndefined();
    expect(await exifr.parse(stripped, { gps: true, tiff: true, exif: true })).toEqual({ Orientation: 'Rotate 90 CW' });
    expect(await exifr.orientation(stripped)).toBe(6);
    expect(stripped.includes(Buffer.from('serial F2LX1234'))).toBe(false);
    expect(Buffer.compare(scan(stripped), scan(original))).toBe(0);
    // The decoder applies the kept orientation (rotate 90°): 40×30 shows as 30×40.
    const image = await loadImage(stripped);
    expect([image.width, image.height]).toEqual([30, 40]);
    // The same upload always gives the same stored bytes, and stripping again changes nothing.
    expect(Buffer.compare(stripImageMetadata(original, 'jpg'), stripped)).toBe(0);
    expect(Buffer.compare(stripImageMetadata(stripped, 'jpg'), stripped)).toBe(0);
    // An upright photo gets no EXIF at all.
    const upright = stripImageMetadata(jpegWithGps(photo('jpeg', 1), makeExifWithGps({ orientation: 1 })), 'jpg');
    expect(upright.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  });

  it('PNG: eXIf and text chunks gone, the picture still decodes', async () => {
    const png = makePng({ width: 6, height: 5, seed: 3 });
    const ihdrEnd = 8 + 25;
    const tagged = Buffer.concat([
      png.subarray(0, ihdrEnd),
      pngChunk('eXIf', makeExifWithGps()),
      pngChunk('tEXt', Buffer.from('Comment\0GPS 31.23N 121.47E')),
      png.subarray(ihdrEnd),
    ]);
    expect((await exifr.gps(tagged))?.latitude).toBeCloseTo(31.2304, 3);
    const stripped = stripImageMetadata(tagged, 'png');
    expect(Buffer.compare(stripped, png)).toBe(0);
    expect(await exifr.gps(stripped)).toBeUndefined();
    expect((await loadImage(stripped)).width).toBe(6);
  });

  it('WebP: EXIF and XMP chunks gone and no longer announced, the picture still decodes', async () => {
    // The encoder's own image chunks (VP8/VP8L/ALPH), under a VP8X header of ours that announces EXIF and XMP.
    const encoded = photo('webp', 2);
    const imageChunks: Buffer[] = [];
    for (let at = 12; at + 8 <= encoded.length;) {
      const size = encoded.readUInt32LE(at + 4);
      const end = at + 8 + size + (size % 2);
      if (encoded.toString('latin1', at, at + 4) !== 'VP8X') imageChunks.push(encoded.subarray(at, end));
      at = end;
    }
    expect(imageChunks.length).toBeGreaterThan(0);
    const vp8 = Buffer.concat(imageChunks);
    const vp8x = Buffer.alloc(18);
    vp8x.write('VP8X', 0, 'latin1');
    vp8x.writeUInt32LE(10, 4);
    vp8x[8] = 0x08 | 0x04; // EXIF and XMP present
    vp8x.writeUIntLE(40 - 1, 12, 3);
    vp8x.writeUIntLE(30 - 1, 15, 3);
    const exif = makeExifWithGps({ orientation: 1 });
    const exifChunk = Buffer.concat([Buffer.from('EXIF', 'latin1'), Buffer.from([exif.length & 0xff, (exif.length >> 8) & 0xff, 0, 0]), exif]);
    const xmp = Buffer.from('<x:xmpmeta><exif:GPSLatitude>31,13.8N</exif:GPSLatitude></x:xmpmeta>');
    const xmpChunk = Buffer.concat([
      Buffer.from('XMP ', 'latin1'),
      Buffer.from([xmp.length & 0xff, 0, 0, 0]),
      xmp,
      xmp.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
    ]);
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, vp8, exifChunk, xmpChunk]);
    const head = Buffer.alloc(8);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    const tagged = Buffer.concat([head, body]);
    expect((await loadImage(tagged)).width).toBe(40);

    const stripped = stripImageMetadata(tagged, 'webp');
    expect(stripped.includes(Buffer.from('EXIF', 'latin1'))).toBe(false);
    expect(stripped.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(stripped[12 + 8]! & 0x0c).toBe(0);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect((await loadImage(stripped)).width).toBe(40);
  });

  it('leaves what it cannot walk as it came', () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(10)]);
    expect(stripImageMetadata(broken, 'jpg')).toBe(broken);
    const gif = Buffer.from('GIF89a-anything');
    expect(stripImageMetadata(gif, 'gif')).toBe(gif);
  });
});

describe('a 痕迹 photo sent with GPS, through the running service', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('is stored without its position, owner/group-readable only, and recognised when sent again', async () => {
    const original = jpegWithGps(photo('jpeg', 4));
    const [first] = await service.say('sb-group-dongwan', 'sb-dw-liaison', '主题党日', { imageBase64: original.toString('base64'), fileName: 'IMG_0001.jpg' });
    expect(first!.text).toContain('已存为');
    const file = await service.database.prisma.storedFile.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const path = join(service.dataDir, file.path);
    const stored = readFileSync(path);
    expect(await exifr.gps(stored)).toBeUndefined();
    expect(stored.includes(Buffer.from('serial F2LX1234'))).toBe(false);
    expect(file.sizeBytes).toBe(stored.length);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o750);
    expect(readdirSync(join(path, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const [again] = await service.say('sb-group-dongwan', 'sb-dw-liaison', '主题党日', { imageBase64: original.toString('base64'), fileName: 'IMG_0001.jpg' });
    expect(again!.text).toContain('不再重复保存');
    expect(await service.database.prisma.storedFile.count({ where: { sha256: file.sha256 } })).toBe(1);
  }, 60_000);
});
