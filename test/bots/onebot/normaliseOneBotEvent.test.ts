import { describe, expect, it } from 'vitest';
import { oneBotGroupUploadSchema, oneBotMessageEventSchema } from '../../../bots/onebot/oneBotEventSchema.ts';
import { normaliseOneBotGroupUpload, normaliseOneBotMessage } from '../../../bots/onebot/normaliseOneBotEvent.ts';

const base = {
  time: 1795000000,
  self_id: 10001,
  post_type: 'message',
  message_type: 'group',
  sub_type: 'normal',
  message_id: 555,
  group_id: 700001,
  user_id: 20002,
  sender: { user_id: 20002, nickname: '小王', card: '王小燕（东湾村）', role: 'member' },
};

function normalise(message: unknown) {
  return normaliseOneBotMessage(oneBotMessageEventSchema.parse({ ...base, message }));
}

describe('normaliseOneBotMessage', () => {
  it('reads segments: @bot sets mentionsBot and leaves the text, other @ become mentions, images keep their url', () => {
    const event = normalise([
      { type: 'reply', data: { id: '12' } },
      { type: 'at', data: { qq: '10001' } },
      { type: 'text', data: { text: ' /积分 ' } },
      { type: 'at', data: { qq: 30003, name: '赵大勇' } },
      { type: 'image', data: { file: 'p.jpg', url: 'http://127.0.0.1:1/p.jpg' } },
    ]);
    expect(event).toMatchObject({
      platform: 'QQ',
      eventId: '10001-555',
      chatId: '700001',
      chatType: 'group',
      messageId: '555',
      sender: { platformUserId: '20002', displayName: '王小燕（东湾村）' },
      text: '/积分 @赵大勇',
      mentionsBot: true,
      mentions: [{ platformUserId: '30003', name: '赵大勇' }],
      images: [{ kind: 'url', url: 'http://127.0.0.1:1/p.jpg', fileName: 'p.jpg' }],
      sentAt: new Date(1795000000 * 1000).toISOString(),
    });
  });

  it('reads the CQ-code string format the same way', () => {
    const event = normalise('[CQ:at,qq=10001] /绑定 王小燕 0007[CQ:image,file=q.png,url=http://h/q.png?a=1&amp;b=2]');
    expect(event.text).toBe('/绑定 王小燕 0007');
    expect(event.mentionsBot).toBe(true);
    expect(event.images).toEqual([{ kind: 'url', url: 'http://h/q.png?a=1&b=2', fileName: 'q.png' }]);
  });

  it('accepts the negative message ids some implementations (Lagrange) report', () => {
    const event = normaliseOneBotMessage(oneBotMessageEventSchema.parse({ ...base, message_id: '-2147480000', message: '/帮助' }));
    expect(event.eventId).toBe('10001--2147480000');
    expect(event.messageId).toBe('-2147480000');
  });

  it('does not treat @全体成员 as a mention and falls back to the nickname', () => {
    const event = oneBotMessageEventSchema.parse({ ...base, sender: { nickname: '老李' }, message: '[CQ:at,qq=all] 开会' });
    const normalised = normaliseOneBotMessage(event);
    expect(normalised.mentions).toEqual([]);
    expect(normalised.mentionsBot).toBe(false);
    expect(normalised.sender.displayName).toBe('老李');
    expect(normalised.text).toBe('开会');
  });

  it('turns a NapCat file segment into a FileRef of the group, never taking its url or local path', () => {
    const event = normalise([
      {
        type: 'file',
        data: {
          file: '名册.xlsx',
          file_id: '5b1c4e9a-2f7d-4c1e-9f3a-1d2e3f4a5b6c',
          file_size: '18342',
          url: 'https://njc-download.ftn.qq.com/x',
          path: '/tmp/x',
        },
      },
    ]);
    expect(event.files).toEqual([{ kind: 'onebot', groupId: '700001', fileId: '5b1c4e9a-2f7d-4c1e-9f3a-1d2e3f4a5b6c', fileName: '名册.xlsx', size: 18342 }]);
    expect(event.text).toBe('');
    expect(event.messageId).toBe('555');
  });

  it('reads a file in the CQ-code format too, and drops a file segment without an id or a name', () => {
    expect(normalise('[CQ:file,file=党员名册&#44;2026.csv,file_id=/a1b2-c3,file_size=512]').files).toEqual([
      { kind: 'onebot', groupId: '700001', fileId: '/a1b2-c3', fileName: '党员名册,2026.csv', size: 512 },
    ]);
    expect(normalise([{ type: 'file', data: { file: '名册.xlsx' } }]).files).toBeUndefined();
    expect(normalise([{ type: 'file', data: { file_id: 'abc', file: '  ' } }]).files).toBeUndefined();
    expect(normalise([{ type: 'file', data: { file_id: 'abc', file: 'a.csv', file_size: 'many' } }]).files).toBeUndefined();
  });
});

describe('normaliseOneBotGroupUpload', () => {
  const notice = {
    time: 1795000100,
    self_id: 10001,
    post_type: 'notice',
    notice_type: 'group_upload',
    group_id: 700001,
    user_id: 20002,
    file: { id: '/5f0a71b2-9c44-11ee-a9c2-5254001f2a3b', name: '名册.xlsx', size: 18342, busid: 102 },
  };

  it('turns the go-cqhttp / NapCat notice into a message that carries only the file', () => {
    const event = normaliseOneBotGroupUpload(oneBotGroupUploadSchema.parse(notice));
    expect(event).toMatchObject({
      platform: 'QQ',
      kind: 'message',
      chatId: '700001',
      chatType: 'group',
      sender: { platformUserId: '20002' },
      text: '',
      mentionsBot: false,
      images: [],
      files: [{ kind: 'onebot', groupId: '700001', fileId: '/5f0a71b2-9c44-11ee-a9c2-5254001f2a3b', fileName: '名册.xlsx', size: 18342, busid: 102 }],
      sentAt: new Date(1795000100 * 1000).toISOString(),
    });
    expect(event.messageId).toBeUndefined();
    // The same notice delivered again is the same event; another file in the same group is not.
    expect(normaliseOneBotGroupUpload(oneBotGroupUploadSchema.parse(notice)).eventId).toBe(event.eventId);
    const other = normaliseOneBotGroupUpload(oneBotGroupUploadSchema.parse({ ...notice, file: { ...notice.file, id: '/other' } }));
    expect(other.eventId).not.toBe(event.eventId);
    expect(event.eventId).toMatch(/^10001-upload-[0-9a-f]{24}$/);
  });

  it('refuses a notice whose file has no id or no name, and cleans control characters out of the name', () => {
    expect(oneBotGroupUploadSchema.safeParse({ ...notice, file: { name: 'a.xlsx', size: 1 } }).success).toBe(false);
    expect(oneBotGroupUploadSchema.safeParse({ ...notice, file: { id: 'x', name: '\u0007 ', size: 1 } }).success).toBe(false);
    expect(oneBotGroupUploadSchema.parse({ ...notice, file: { id: 'x', name: '名册\n.xlsx', size: '12' } }).file).toEqual({
      id: 'x',
      name: '名册.xlsx',
      size: 12,
    });
  });
});
