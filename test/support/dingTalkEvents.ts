import { randomBytes } from 'node:crypto';

export const TEST_DINGTALK = {
  clientId: 'dingtestclient0001',
  clientSecret: 'test-dingtalk-client-secret',
  robotCode: 'dingtestclient0001',
  corpId: 'dingcorp00000000test',
};

/** The robot's own id in every conversation of the fake (atUsers lists it when the robot is @-ed). */
export const FAKE_CHATBOT_USER_ID = '$:LWCP_v1:$fakeChatbotUserId00000000';

export interface Person {
  staffId: string;
  nick: string;
}

export const dingtalkIdOf = (staffId: string) => `$:LWCP_v1:$${Buffer.from(staffId).toString('base64')}`;

function base(group: string, sender: Person, msgtype: string) {
  const now = Date.now();
  return {
    conversationId: group,
    chatbotCorpId: TEST_DINGTALK.corpId,
    chatbotUserId: FAKE_CHATBOT_USER_ID,
    msgId: `msg${randomBytes(12).toString('base64')}`,
    senderNick: sender.nick,
    isAdmin: false,
    senderStaffId: sender.staffId,
    sessionWebhookExpiredTime: now + 5400_000,
    createAt: now,
    senderCorpId: TEST_DINGTALK.corpId,
    conversationType: '2',
    senderId: dingtalkIdOf(sender.staffId),
    conversationTitle: '东湾村党支部工作群（钉钉）',
    isInAtList: true,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=fake',
    robotCode: TEST_DINGTALK.robotCode,
    msgtype,
  };
}

/**
 * A group text message that @-s the robot, shaped as DingTalk documents the robot message callback: the robot's
 * own @ is taken out of the text (leaving the space after it), other people's `@昵称` stay, and `atUsers` lists the
 * robot and every person mentioned (ids only).
 */
export function textMessage(group: string, sender: Person, content: string, mentioned: Person[] = []) {
  return {
    ...base(group, sender, 'text'),
    atUsers: [{ dingtalkId: FAKE_CHATBOT_USER_ID }, ...mentioned.map((p) => ({ dingtalkId: dingtalkIdOf(p.staffId), staffId: p.staffId }))],
    text: { content: ` ${content}` },
  };
}

/** A picture posted in the group (a picture alone cannot @ the robot, so DingTalk sends it as is). */
export function pictureMessage(group: string, sender: Person, downloadCode: string) {
  return { ...base(group, sender, 'picture'), content: { downloadCode, pictureDownloadCode: `pic-${downloadCode}` } };
}

/** Rich text: an @ of the robot with text and a picture in one message. */
export function richTextMessage(group: string, sender: Person, pieces: ({ text: string } | { downloadCode: string })[]) {
  return {
    ...base(group, sender, 'richText'),
    atUsers: [{ dingtalkId: FAKE_CHATBOT_USER_ID }],
    content: {
      richText: pieces.map((p) =>
        'text' in p ? { text: p.text } : { downloadCode: p.downloadCode, pictureDownloadCode: `pic-${p.downloadCode}`, type: 'picture' },
      ),
    },
  };
}

/** A text typed to the robot in a private chat (conversationType 1): nothing to @, the whole text is for the robot. */
export function privateTextMessage(sender: Person, content: string) {
  return {
    ...base(`cidp2p${sender.staffId}`, sender, 'text'),
    conversationType: '1',
    conversationTitle: undefined,
    isInAtList: undefined,
    text: { content },
  };
}

/** A file sent to the robot in a private chat (conversationType 1). */
export function fileMessage(sender: Person, downloadCode: string, fileName: string) {
  return {
    ...base(`cidp2p${sender.staffId}`, sender, 'file'),
    conversationType: '1',
    conversationTitle: undefined,
    content: { downloadCode, fileId: '214980176385', fileName, spaceId: '28455378906' },
  };
}

/** The card callback of a click on a `request` button (TOPIC_CARD), as the official SDKs document it. */
export function cardClick(outTrackId: string, staffId: string, actionId: string) {
  const value = JSON.stringify({ cardPrivateData: { actionIds: [actionId], params: {} } });
  return {
    extension: '{}',
    corpId: TEST_DINGTALK.corpId,
    spaceType: '',
    userIdType: 1,
    type: 'actionCallback',
    userId: staffId,
    content: value,
    spaceId: '',
    outTrackId,
    value,
  };
}
