import type { Logger } from 'pino';
import type { Config } from '../../core/config/loadConfig.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import type { ChatEvent } from '../chat/ChatEvent.ts';
import type { GroupPurpose, OrgDomain, OrgLevel, Platform, Role } from '../../core/generated/prisma/enums.ts';
import type { ArgSpec, ParsedArgs } from './parseArgs.ts';

export interface ActorRole {
  role: Role;
  organizationId: number;
}

/** The member behind a chat identity, with every role they hold. */
export interface Actor {
  memberId: number;
  name: string;
  organizationId: number;
  roles: ActorRole[];
}

export interface GroupInfo {
  id: number;
  platform: Platform;
  chatId: string;
  name: string | null;
  organizationId: number | null;
  organizationName: string | null;
  organizationLevel: OrgLevel | null;
  organizationDomain: OrgDomain | null;
  purpose: GroupPurpose | null;
}

/** A mentioned person, resolved to a member when their chat identity is bound. */
export interface ResolvedMention {
  platformUserId: string;
  name: string;
  memberId: number | null;
}

export interface CommandContext {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  event: ChatEvent;
  /** `${platform}:${eventId}`: derive idempotency keys of effects from it so a retried job repeats none. */
  eventKey: string;
  /** null when the sender has not run /绑定 yet. */
  actor: Actor | null;
  group: GroupInfo | null;
  mentions: ResolvedMention[];
  /** Text after the command name (the whole remaining message, newlines kept). */
  rest: string;
  /** Fetches the bytes of the event's pictures through the platform adapter. */
  fetchImage(index: number): Promise<{ bytes: Buffer; fileName?: string; mimeType?: string }>;
  /** Fetches the bytes of the event's non-image files (ChatEvent.files) through the platform adapter. */
  fetchFile?(index: number): Promise<{ bytes: Buffer; fileName?: string; mimeType?: string }>;
  /** Organisation ids from the group's organisation up to the root (inclusive). */
  orgAncestors(orgId: number): Promise<number[]>;
  /**
   * Messages to other chats (e.g. telling a briefing's author in their own group that it was adopted).
   * They are queued with the replies, after the command succeeded, with ids derived from the event.
   */
  notify(target: NotifyTarget, view: MessageView): void;
}

export type NotifyTarget =
  | { chat: { platform: Platform; chatId: string } }
  /** Every group bound to the organisation with that purpose, on every platform. */
  | { organizationId: number; purpose: GroupPurpose };

export type CommandResult = MessageView | MessageView[] | null;

/** Roles that act across the whole tree, wherever they are held. */
export const GLOBAL_ROLES: readonly Role[] = ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'];

export interface CommandDefinition<A extends readonly ArgSpec[] = readonly ArgSpec[]> {
  name: string;
  aliases?: string[];
  /**
   * Words people use when they ask for this in plain language (「我的积分是多少？」 → 积分): a message to the bot
   * that is not a command is answered with the commands whose names, aliases or keywords it contains.
   */
  keywords?: string[];
  /** What the command does, said as a suggestion: 「<ask>请发送 /<name>」 (查看自己的积分请发送 /积分). */
  ask?: string;
  /** One line shown in /帮助. */
  summary: string;
  /** The right form, shown with every argument error: `/绑定 <姓名> <手机后四位>`. */
  usage: string;
  examples?: string[];
  /** Who may run it. 'anyone' includes people not yet bound; 'member' means any bound member. */
  roles: 'anyone' | 'member' | readonly Role[];
  /** Where it may run: any chat, only a group bound to an organisation, or only a group of a purpose. */
  where?: 'any' | 'boundGroup' | readonly GroupPurpose[];
  args: A;
  /** Shown under /帮助 <命令>. */
  help?: string;
  run(ctx: CommandContext, args: ParsedArgs<A>): Promise<CommandResult>;
}
