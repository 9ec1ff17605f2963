import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Canvas from '@napi-rs/canvas';

/**
 * Noto Sans SC as whole static TrueType files (@expo-google-fonts/noto-sans-sc, OFL): pdfkit embeds (a subset of)
 * a TTF/OTF, and @fontsource/noto-sans-sc ships only woff/woff2 split into unicode-range slices, which a PDF
 * cannot use as one font. The same files serve the chart and poster pictures drawn by @napi-rs/canvas.
 */
export const CJK_FAMILY = 'Zhibu Noto Sans SC';

const FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;

let root: string | undefined;
export function cjkFontPath(weight: keyof typeof FILES = 'regular'): string {
  root ??= dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return join(root, FILES[weight]);
}

let registered = false;
/** Registers both weights with Skia once per process, under CJK_FAMILY. */
export function registerCjkFonts(): void {
  if (registered) return;
  // The PDF poster needs only the font's path; Skia loads when a picture is drawn (synchronously: a native module).
  const { GlobalFonts } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof Canvas;
  GlobalFonts.registerFromPath(cjkFontPath('regular'), CJK_FAMILY);
  GlobalFonts.registerFromPath(cjkFontPath('bold'), CJK_FAMILY);
  registered = true;
}
