import { vi, expect } from 'vitest';
import { FileBox } from 'file-box';
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatyAdapter } from '../../bots/wechaty/WechatyAdapter.ts';
import type { TestService } from './startTestService.ts';

type Contact = mock.ContactMock;
type Room = mock.RoomMock;

export interface BotLine {
  id: string;
  text?: string;
  /** Set when the bot sent a file (a picture). */
  file?: { name: string; base64: string };
}

/**
 * A WeChat room on wechaty-puppet-mock with named people in it, wired to the service's real wechaty bot:
 * people say things into the room, the bot's messages are collected as they appear.
 */
export class WechatyMockRoom {
  readonly botLines: BotLine[] = [];
  readonly people = new Map<string, Contact>();
  readonly mocker: mock.Mocker;
  readonly botContact: Contact;
  readonly room: Room;

  constructor(service: TestService, names: string[], topic: string) {
    const adapter = service.adapters.get('WECHAT') as WechatyAdapter;
    const puppet = adapter.bot!.puppet as unknown as PuppetMock;
    this.mocker = puppet.mocker;
    this.botContact = this.mocker.createContact({ name: '支部助手' });
    for (const name of names) this.people.set(name, this.mocker.createContact({ name }));
    this.room = this.mocker.createRoom({ topic, memberIdList: [this.botContact.id, ...[...this.people.values()].map((c) => c.id)] });
    // RoomMock is an EventEmitter (its typings name a package that is not installed).
    (this.room as unknown as NodeJS.EventEmitter).on('message', (message: mock.MessageMock) => {
      const payload = message.payload as { talkerId?: string; text?: string };
      if (payload.talkerId !== this.botContact.id) return;
      const file = this.mocker.cacheFileBoxPayload.get(message.id);
      if (file) {
        const box = FileBox.fromJSON(file);
        const line: BotLine = { id: message.id, file: { name: box.name, base64: '' } };
        this.botLines.push(line);
        void box.toBase64().then((base64) => (line.file!.base64 = base64));
      } else {
        this.botLines.push({ id: message.id, text: payload.text ?? '' });
      }
    });
  }

  login(): void {
    this.mocker.login(this.botContact);
  }

  person(name: string): Contact {
    const contact = this.people.get(name);
    if (!contact) throw new Error(`no such person in the mock room: ${name}`);
    return contact;
  }

  /** Says text (or a FileBox) in the room as a person; `mentionBot` @-mentions the bot as WeChat does. */
  say(name: string, something: string | FileBox, mentionBot = false): void {
    const text = typeof something === 'string' && mentionBot ? `@支部助手\u2005${something}` : something;
    this.person(name)
      .say(text, mentionBot ? [this.botContact] : [])
      .to(this.room);
  }

  /** Waits until the bot has said `count` more things than `before`, returns those texts. */
  async botSaysAfter(before: number, count: number): Promise<BotLine[]> {
    await vi.waitFor(() => expect(this.botLines.length).toBeGreaterThanOrEqual(before + count), { timeout: 30_000, interval: 50 });
    return this.botLines.slice(before, before + count);
  }
}
