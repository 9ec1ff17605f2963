import type { Prisma } from '../generated/prisma/client.ts';

export interface StoredContent {
  sha256: string;
  /** Relative to DATA_DIR. */
  path: string;
  mimeType: string;
  sizeBytes: number;
  width?: number | null;
  height?: number | null;
}

/**
 * The one StoredFile row of this content, made on first use. An existing row keeps its path: the same bytes
 * kept for a 痕迹 photo and a 简报 are one file.
 */
export function upsertStoredFile(tx: Prisma.TransactionClient, content: StoredContent) {
  return tx.storedFile.upsert({
    where: { sha256: content.sha256 },
    create: {
      sha256: content.sha256,
      path: content.path,
      mimeType: content.mimeType,
      sizeBytes: content.sizeBytes,
      width: content.width ?? null,
      height: content.height ?? null,
    },
    update: {},
  });
}
