import type { ImageRef, Mention } from '../../src/engine/chat/ChatEvent.ts';
import { imageContentSchema, postBodySchema, textContentSchema, type LarkMention } from './larkEventSchemas.ts';

export interface ParsedContent {
  text: string;
  mentionsBot: boolean;
  mentions: Mention[];
  images: ImageRef[];
}

interface ContentInput {
  messageId: string;
  messageType: string;
  content: string;
  mentions: LarkMention[];
  botOpenId: string | null;
}

/**
 * Text, rich text (post) and image messages → text without the bot's @mention, the other people
 * mentioned (open_id + name), and references to the pictures. Other message types carry no command.
 */
export function parseLarkContent(input: ContentInput): ParsedContent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(input.content);
  } catch {
    return null;
  }
  const state = new MentionState(input.mentions, input.botOpenId);
  switch (input.messageType) {
    case 'text': {
      const parsed = textContentSchema.safeParse(raw);
      if (!parsed.success) return null;
      return state.result(state.replaceKeys(parsed.data.text), []);
    }
    case 'image': {
      const parsed = imageContentSchema.safeParse(raw);
      if (!parsed.success) return null;
      return state.result('', [{ kind: 'lark', messageId: input.messageId, fileKey: parsed.data.image_key }]);
    }
    case 'post': {
      const body = unwrapPost(raw);
      if (!body) return null;
      const images: ImageRef[] = [];
      const paragraphs = body.content.map((paragraph) =>
        paragraph
          .map((element) => {
            switch (element.tag) {
              case 'text':
              case 'code_block':
                return state.replaceKeys(element.text ?? '');
              case 'a':
                return element.text ?? element.href ?? '';
              case 'at':
                return state.at(element.user_id ?? '', element.user_name ?? '');
              case 'img':
                if (element.image_key) images.push({ kind: 'lark', messageId: input.messageId, fileKey: element.image_key });
                return '';
              default:
                return '';
            }
          })
          .join(''),
      );
      const bodyText = paragraphs
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      const title = body.title?.trim();
      // A command leads the message whatever the title says; otherwise the title is the first line.
      const text = !title ? bodyText : /^[\s\u3000]*[/／]/u.test(bodyText) ? `${bodyText}\n${title}` : `${title}\n${bodyText}`;
      return state.result(text, images);
    }
    default:
      return null;
  }
}

function unwrapPost(raw: unknown) {
  const direct = postBodySchema.safeParse(raw);
  if (direct.success) return direct.data;
  if (raw && typeof raw === 'object') {
    const locales = raw as Record<string, unknown>;
    for (const key of ['zh_cn', 'en_us', 'ja_jp', ...Object.keys(locales)]) {
      const wrapped = postBodySchema.safeParse(locales[key]);
      if (wrapped.success) return wrapped.data;
    }
  }
  return null;
}

class MentionState {
  mentionsBot = false;
  private readonly found = new Map<string, Mention>();
  private readonly byKey: Map<string, LarkMention>;

  constructor(
    mentions: LarkMention[],
    private readonly botOpenId: string | null,
  ) {
    this.byKey = new Map(mentions.map((m) => [m.key, m]));
  }

  private isBot(mention: LarkMention | undefined, openId?: string): boolean {
    const id = mention?.id.open_id ?? openId;
    return Boolean(this.botOpenId && id === this.botOpenId);
  }

  /** `@_user_1` placeholders: the bot's are removed, people become `@姓名`. `@_all` stays as 所有人. */
  replaceKeys(text: string): string {
    return text.replace(/@_user_\d+|@_all/g, (key) => {
      if (key === '@_all') return '@所有人';
      const mention = this.byKey.get(key);
      if (!mention) return key;
      return this.at(key, mention.name);
    });
  }

  /** A post's `at` element carries either the placeholder key or an open_id. */
  at(userIdOrKey: string, name: string): string {
    if (userIdOrKey === 'all') return '@所有人';
    const mention = this.byKey.get(userIdOrKey);
    const openId = mention?.id.open_id ?? (userIdOrKey.startsWith('@_') ? undefined : userIdOrKey);
    const shownName = mention?.name || name;
    if (this.isBot(mention, openId)) {
      this.mentionsBot = true;
      return '';
    }
    if (openId && !this.found.has(openId)) this.found.set(openId, { platformUserId: openId, name: shownName });
    return shownName ? `@${shownName}` : '';
  }

  result(text: string, images: ImageRef[]): ParsedContent {
    return {
      text: text.replace(/[ \t\u3000]{2,}/gu, ' ').trim(),
      mentionsBot: this.mentionsBot,
      mentions: [...this.found.values()],
      images,
    };
  }
}
