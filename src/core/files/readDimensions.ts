import { imageSize } from 'image-size';

/** Width and height from a picture's header; null when the header does not say (e.g. a truncated file). */
export function readDimensions(bytes: Buffer): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(bytes);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}
