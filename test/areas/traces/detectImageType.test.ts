import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../../src/areas/traces/detectImageType.ts';
import { makeJpeg, makePng } from '../../support/makeImages.ts';

const gif = Buffer.concat([
  Buffer.from('GIF89a', 'ascii'),
  Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]),
]);
const webp = Buffer.concat([
  Buffer.from('RIFF', 'ascii'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L', 'ascii'),
  Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
]);
// An ISO-BMFF `ftyp` box with the HEIC brand, as iPhones write it.
const heic = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic', 'ascii'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic', 'ascii'),
  Buffer.alloc(16),
]);

describe('detectImageType', () => {
  it.each([
    ['PNG', makePng(), 'image/png', 'png'],
    ['JPEG', makeJpeg(), 'image/jpeg', 'jpg'],
    ['GIF', gif, 'image/gif', 'gif'],
    ['WebP', webp, 'image/webp', 'webp'],
    ['HEIC', heic, 'image/heic', 'heic'],
  ])('accepts %s by its magic bytes', async (_name, bytes, mime, ext) => {
    expect(await detectImageType(bytes)).toEqual({ mime, ext });
  });

  it.each([
    ['text', Buffer.from('just some words, not a picture')],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['a PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e])],
  ])('rejects %s', async (_name, bytes) => {
    expect(await detectImageType(bytes)).toBeNull();
  });
});
