import type { Db } from '../../core/db/openDatabase.ts';
import { isUniqueViolation } from '../../core/util/isUniqueViolation.ts';
import { linkAttachments, type AttachBy, type LinkResult } from './linkAttachments.ts';
import type { PreparedAttachment } from './prepareAttachment.ts';

/** Links checked files to a 简报 already filed, all in one transaction. */
export async function attachToBriefing(db: Db, briefingId: number, files: PreparedAttachment[], by: AttachBy): Promise<LinkResult[]> {
  if (files.length === 0) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => linkAttachments(tx, briefingId, files, by));
    } catch (error) {
      // The same file sent twice at the same moment: the loser sees the winner's row on retry.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
