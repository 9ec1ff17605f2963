/**
 * Removes what a camera or phone writes about a picture besides the picture itself (EXIF with GPS position,
 * camera serial, XMP, IPTC, comments) before a 痕迹 photo is stored. Only the container is rewritten: the image
 * data is copied byte for byte, so nothing is re-encoded and the same upload always gives the same bytes (and
 * the same de-dup hash). A JPEG's orientation is kept (a minimal EXIF with that one tag) so it still shows
 * upright. Formats it does not know (GIF has no EXIF; HEIC is left as sent) come back unchanged, as does any
 * file it cannot walk safely.
 */
export function stripImageMetadata(bytes: Buffer, ext: string): Buffer {
  try {
    if (ext === 'jpg') return stripJpeg(bytes);
    if (ext === 'png') return stripPng(bytes);
    if (ext === 'webp') return stripWebp(bytes);
  } catch {
    // A malformed container: keep it as it came rather than store half a picture.
  }
  return bytes;
}

// ── JPEG ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Segments kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform). */
const KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(bytes: Buffer): Buffer {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new Error('not a JPEG marker');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    // Start of scan: the image data follows to the end of the file.
    if (marker === 0xda) {
      parts.push(bytes.subarray(offset));
      break;
    }
    const length = bytes.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) throw new Error('JPEG segment runs past the end');
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1) orientation = readExifOrientation(bytes.subarray(offset + 4, end)) ?? orientation;
    const drop = (isApp && !KEPT_APP.has(marker)) || marker === 0xfe; // APPn with metadata, and comments
    if (!drop) parts.push(bytes.subarray(offset, end));
    offset = end;
  }
  if (orientation !== 1) parts.splice(1, 0, orientationSegment(orientation));
  return Buffer.concat(parts);
}

/** Tag 0x0112 of IFD0 in an `Exif\0\0` APP1 payload; null when absent or unreadable. */
function readExifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 holding an EXIF with nothing but the orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

// ── PNG ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Text, EXIF and time chunks go; everything else (pixels, palette, colour, transparency) stays. */
const DROPPED_PNG_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error('PNG chunk runs past the end');
    if (!DROPPED_PNG_CHUNKS.has(type)) parts.push(bytes.subarray(offset, end));
    offset = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

// ── WebP ────────────────────────────────────────────────────────────────────────────────────────────────────

function stripWebp(bytes: Buffer): Buffer {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return bytes;
  const chunks: Buffer[] = [];
  let offset = 12;
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  while (offset + 8 <= riffEnd) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const end = offset + 8 + size + (size % 2);
    if (end > riffEnd + (size % 2)) throw new Error('WebP chunk runs past the end');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(bytes.subarray(offset, Math.min(end, bytes.length)));
      // VP8X announces EXIF (bit 3) and XMP (bit 2) in its flags: they are gone now.
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    offset = end;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
