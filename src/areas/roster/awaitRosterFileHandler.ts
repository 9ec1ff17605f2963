import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import { UserError } from '../../core/errors/UserError.ts';

/** /导入 名册 sent without a file: the sender's next file in this chat is the roster (onRosterFile). */
export const AWAIT_ROSTER_FILE = 'roster.await_file';

export const awaitRosterFileHandler: PendingHandler = {
  kind: AWAIT_ROSTER_FILE,
  confirm() {
    return Promise.reject(new UserError('还没有收到名册文件，无需确认。请重新发送 /导入 名册，再把 .xlsx 或 .csv 文件发到这里。', '/导入 名册'));
  },
  cancel() {
    return Promise.resolve({ kind: 'roster_import_cancelled', title: '已取消', tone: 'info', lines: ['不导入名册了。需要时再发送 /导入 名册。'] });
  },
};
