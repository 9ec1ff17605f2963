/**
 * A TIFF/EXIF block as phones write it: IFD0 with Orientation and a GPSInfo pointer, a GPS IFD with latitude and
 * longitude (big-endian, "MM"). 31.2304 N, 121.4737 E unless told otherwise.
 */
export function makeExifWithGps(options: { orientation?: number; latitude?: [number, number, number]; longitude?: [number, number, number] } = {}): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    if (short) tiff.writeUInt16BE(value, at + 8);
    else tiff.writeUInt32BE(value, at + 8);
  };
  // IFD0 at 8: two entries.
  tiff.writeUInt16BE(2, 8);
  entry(10, 0x0112, 3, 1, options.orientation ?? 6, true);
  entry(22, 0x8825, 4, 1, 38);
  tiff.writeUInt32BE(0, 34);
  // GPS IFD at 38: four entries.
  tiff.writeUInt16BE(4, 38);
  entry(40, 0x0001, 2, 2, 0);
  tiff.write('N\0', 48, 'latin1');
  entry(52, 0x0002, 5, 3, 92);
  entry(64, 0x0003, 2, 2, 0);
  tiff.write('E\0', 72, 'latin1');
  entry(76, 0x0004, 5, 3, 116);
  tiff.writeUInt32BE(0, 88);
  const rationals = (at: number, [d, m, s]: [number, number, number]) => {
    for (const [i, v] of [d, m, s * 100].entries()) {
      tiff.writeUInt32BE(Math.round(v), at + i * 8);
      tiff.writeUInt32BE(i === 2 ? 100 : 1, at + i * 8 + 4);
    }
  };
  rationals(92, options.latitude ?? [31, 13, 49.44]);
  rationals(116, options.longitude ?? [121, 28, 25.32]);
  return tiff;
}

/** Puts an EXIF APP1 (with GPS) and a comment into a JPEG, right after its start marker. */
export function jpegWithGps(jpeg: Buffer, exif = makeExifWithGps()): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exif]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  const comment = Buffer.from('taken at 东湾村 by iPhone 15, serial F2LX1234');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]), comment]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, com, jpeg.subarray(2)]);
}
