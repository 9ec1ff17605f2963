import type { PendingHandler } from '../../pending/PendingHandler.ts';
import { bindConfirmHandler } from './bindConfirmHandler.ts';
import { rebindGroupHandler } from './bindGroupCommand.ts';

/** Questions the engine's own commands ask (a 书记 confirming a binding, a 组织办 confirming a group re-bind). */
export const corePendingHandlers: readonly PendingHandler[] = [bindConfirmHandler, rebindGroupHandler];
