import { fileTypeFromBuffer } from 'file-type';

export interface ImageType {
  ext: string;
  mime: string;
}

/** The picture formats kept as 痕迹: what phones and chat apps send. */
export const ACCEPTED_IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/** How the accepted formats are named to people. */
export const ACCEPTED_FORMAT_NAMES = ['JPG', 'PNG', 'GIF', 'WebP', 'HEIC'];

/** The format from the file's magic bytes (never from its name); null when it is not an accepted picture. */
export async function detectImageType(bytes: Uint8Array): Promise<ImageType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return null;
  const ext = ACCEPTED_IMAGE_TYPES[found.mime];
  return ext ? { ext, mime: found.mime } : null;
}
