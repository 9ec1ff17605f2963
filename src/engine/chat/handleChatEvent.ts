import type { Logger } from 'pino';
import type { Config } from '../../core/config/loadConfig.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { ChatEvent, FileRef, ImageRef } from './ChatEvent.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { maskPhonesInView } from '../../core/util/maskPhonesInView.ts';
import { resolveActor, resolveMemberIds } from '../identity/resolveActor.ts';
import { resolveGroup } from '../identity/resolveGroup.ts';
import { orgAncestors } from '../identity/orgAncestors.ts';
import { parseCommandLine } from '../commands/parseCommandLine.ts';
import { parseArgs } from '../commands/parseArgs.ts';
import { truncate } from '../../core/text/truncate.ts';
import { checkRoles, checkWhere, isPermitted } from '../commands/checkPermission.ts';
import type { CommandRegistry } from '../commands/CommandRegistry.ts';
import type { CommandContext, CommandResult, NotifyTarget } from '../commands/types.ts';
import { errorView } from './errorView.ts';
import { suggestCommands, suggestionLine } from '../commands/suggestCommands.ts';
import { isDemoPlatform, realmDb } from '../identity/realmDb.ts';
import { MemoryAttemptLimiter, type AttemptLimiter } from '../../core/redis/AttemptLimiter.ts';

export interface ImageBytes {
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
}

export interface ChatHandlers {
  registry: CommandRegistry;
  /** Pictures posted without a command (痕迹). */
  onImages?: (ctx: CommandContext) => Promise<CommandResult>;
  /** Files posted without a command: on Feishu, WeChat, QQ and DingTalk a file is a message of its own. */
  onFiles?: (ctx: CommandContext) => Promise<CommandResult>;
  /** The bot was added to a group. */
  onBotAdded?: (ctx: CommandContext) => Promise<CommandResult>;
}

export interface HandleDeps {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  handlers: ChatHandlers;
  /** The service passes its Redis limiter; without one (tests of the engine alone) a per-process counter is used. */
  limiter?: AttemptLimiter;
  fetchImage(ref: ImageRef): Promise<ImageBytes>;
  /** Files other than pictures; inline files (sandbox) need no adapter. */
  fetchFile?: ((ref: FileRef) => Promise<ImageBytes>) | undefined;
}

/**
 * Turns one normalised chat event into the bot's replies. User mistakes become Chinese error replies;
 * anything unexpected is thrown, so the job is retried (the caller answers with an apology on the last try).
 */
export interface ChatOutcome {
  replies: MessageView[];
  /**
   * The event was pictures alone in a group bound to no organisation, where pictures concern nobody: the edge may
   * leave the chat's next pictures out of the queue until something else happens there (see UnboundPictureChats).
   */
  picturesInUnboundGroup?: true;
  notifications: { target: NotifyTarget; view: MessageView }[];
}

export async function handleChatEvent(event: ChatEvent, deps: HandleDeps): Promise<ChatOutcome> {
  const notifications: ChatOutcome['notifications'] = [];
  const facts: Facts = {};
  const replies = (await dispatch(event, deps, (target, view) => notifications.push({ target, view: maskPhonesInView(view) }), facts)).map(maskPhonesInView);
  return {
    replies,
    notifications: replies.some((r) => r.kind === 'error') ? [] : notifications,
    ...(facts.picturesInUnboundGroup ? { picturesInUnboundGroup: true as const } : {}),
  };
}

const processLimiter = new MemoryAttemptLimiter();

/** What dispatching learnt besides the replies. */
interface Facts {
  picturesInUnboundGroup?: boolean;
}

async function dispatch(event: ChatEvent, deps: HandleDeps, notify: CommandContext['notify'], facts: Facts): Promise<MessageView[]> {
  // Demo and real never mix: the sandbox sees only the demo organisation, real platforms never see it.
  const db = realmDb(deps.db, isDemoPlatform(event.platform));
  // Independent lookups, side by side; the mentioned people in one statement rather than one lookup each.
  const [resolved, actor, mentionedMembers] = await Promise.all([
    event.chatType === 'group' ? resolveGroup(db, event.platform, event.chatId, event.chatName) : null,
    resolveActor(db, event.platform, event.sender.platformUserId),
    resolveMemberIds(
      db,
      event.platform,
      event.mentions.map((m) => m.platformUserId),
    ),
  ]);
  const mentions = event.mentions.map((m) => ({ ...m, memberId: mentionedMembers.get(m.platformUserId) ?? null }));
  const group = resolved?.group ?? null;
  const ancestorCache = new Map<number, number[]>();
  if (group?.organizationId != null && resolved?.ancestors) ancestorCache.set(group.organizationId, resolved.ancestors);
  const ctx: CommandContext = {
    db,
    config: deps.config,
    clock: deps.clock,
    log: deps.log,
    limiter: deps.limiter ?? processLimiter,
    event,
    eventKey: `${event.platform}:${event.eventId}`,
    actor,
    group,
    mentions,
    rest: '',
    fetchImage: async (index) => {
      const ref = event.images[index];
      if (!ref) throw new Error(`event has no image ${index}`);
      return deps.fetchImage(ref);
    },
    fetchFile: async (index) => {
      const ref = event.files?.[index];
      if (!ref) throw new Error(`event has no file ${index}`);
      if (ref.kind === 'inline') return { bytes: Buffer.from(ref.base64, 'base64'), fileName: ref.fileName };
      if (!deps.fetchFile)
        throw new UserError(
          '这个平台暂时不能接收文件。名册可由组织办在服务器上导入（npm run roster:import -- 文件）；简报的附件请在能发文件的聊天里发送「/简报 附件 编号」后补发。',
        );
      return { fileName: ref.fileName, ...(await deps.fetchFile(ref)) };
    },
    notify,
    orgAncestors: async (orgId) => {
      let cached = ancestorCache.get(orgId);
      if (!cached) {
        cached = await orgAncestors(db, orgId);
        ancestorCache.set(orgId, cached);
      }
      return cached;
    },
  };

  if (event.kind === 'bot_added') return toList(await deps.handlers.onBotAdded?.(ctx));

  const line = parseCommandLine(event.text, event.mentionsBot);
  const command = line ? deps.handlers.registry.find(line.name) : undefined;

  try {
    if (!command) {
      if ((event.files?.length ?? 0) > 0 && deps.handlers.onFiles) return toList(await deps.handlers.onFiles(ctx));
      if (event.images.length > 0 && deps.handlers.onImages) {
        const answered = toList(await deps.handlers.onImages(ctx));
        // Only pictures nothing took (a 简报 window opened by /简报 附件 may take them even here) mark the group.
        if (answered.length === 0 && event.chatType === 'group' && (group?.organizationId == null || group.purpose == null)) {
          facts.picturesInUnboundGroup = true;
        }
        return answered;
      }
      if (line?.explicit) return [await suggestionView(ctx, deps.handlers.registry, line.name, event.text)];
      return [];
    }
    ctx.rest = line!.rest;
    checkWhere(ctx, command);
    await checkRoles(ctx, command);
    const args = parseArgs(command.args, ctx.rest, command.usage);
    return toList(await command.run(ctx, args as never));
  } catch (error) {
    if (error instanceof UserError) {
      return [errorView(error.message, error.usage ? `正确写法：${error.usage}` : undefined)];
    }
    throw error;
  }
}

function toList(result: CommandResult | undefined): MessageView[] {
  if (!result) return [];
  return Array.isArray(result) ? result : [result];
}

/**
 * The answer to a message addressed to the bot that is not a command (「@支部助手 我的积分是多少？」, 「/我的积分」):
 * the most likely commands among those the sender may use; without any, how to see the list.
 */
async function suggestionView(ctx: CommandContext, registry: CommandRegistry, name: string, text: string): Promise<MessageView> {
  const slashed = /^[\s\u3000]*[/／]/u.test(text);
  const candidates = suggestCommands(registry.list(), text);
  const shown: typeof candidates = [];
  for (const c of candidates) if (await isPermitted(ctx, c)) shown.push(c);
  const head = slashed ? `没有「${truncate(name, 20)}」这个指令。` : null;
  if (shown.length === 0) {
    return errorView(head ?? `没看懂「${truncate(text.trim(), 20)}」。`, '发送 /帮助 查看你可以使用的指令。', 'unknown_command');
  }
  return {
    kind: 'command_suggestion',
    title: '你可能要用的指令',
    tone: 'info',
    lines: [...(head ? [head] : []), ...shown.map(suggestionLine)],
    buttons: shown.map((c) => ({ label: `/${c.name}`, command: `/${c.name}` })),
    note: '发送 /帮助 查看你可以使用的指令；发送「/帮助 指令名」看某个指令的写法。',
  };
}
