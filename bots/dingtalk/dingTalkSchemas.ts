import { z } from 'zod';

/**
 * DingTalk Stream payloads, checked at the edge. Only the fields the adapter reads are required; DingTalk adds
 * fields over time, so unknown ones pass. Shapes as documented for the robot message callback (TOPIC_ROBOT,
 * "机器人接收消息") and the card callback (TOPIC_CARD), and as the official SDKs parse them.
 */

/** A downstream frame's headers (`{specVersion, type, headers, data}`; data is a JSON string). */
export const streamHeadersSchema = z
  .object({ topic: z.string(), messageId: z.string().min(1), contentType: z.string().optional(), time: z.string().optional(), appId: z.string().optional() })
  .passthrough();

const atUserSchema = z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() }).passthrough();

/** One piece of a rich-text message: text, or a picture with its download codes. */
export const richTextItemSchema = z
  .object({ text: z.string().optional(), type: z.string().optional(), downloadCode: z.string().optional(), pictureDownloadCode: z.string().optional() })
  .passthrough();

export const robotMessageSchema = z
  .object({
    msgId: z.string().min(1),
    msgtype: z.string(),
    conversationId: z.string().min(1),
    /** '1' private chat with the robot, '2' group. */
    conversationType: z.string(),
    conversationTitle: z.string().optional(),
    senderId: z.string().optional(),
    senderStaffId: z.string().optional(),
    senderNick: z.string().optional(),
    chatbotUserId: z.string().optional(),
    isInAtList: z.boolean().optional(),
    atUsers: z.array(atUserSchema).optional(),
    createAt: z.number().optional(),
    robotCode: z.string().optional(),
    text: z.object({ content: z.string() }).passthrough().optional(),
    /** picture: {downloadCode, pictureDownloadCode}; file: {downloadCode, fileName, fileId, spaceId}; richText: {richText: [...]} */
    content: z.unknown().optional(),
  })
  .passthrough();
export type RobotMessage = z.infer<typeof robotMessageSchema>;

export const pictureContentSchema = z.object({ downloadCode: z.string().min(1) }).passthrough();
export const fileContentSchema = z.object({ downloadCode: z.string().min(1), fileName: z.string().min(1) }).passthrough();
export const richTextContentSchema = z.object({ richText: z.array(richTextItemSchema) }).passthrough();

/** The card callback: `value` is a JSON string `{cardPrivateData: {actionIds, params}}`; userId is the staff id (userIdType 1). */
export const cardCallbackSchema = z
  .object({
    outTrackId: z.string().min(1),
    userId: z.string().min(1),
    type: z.string().optional(),
    corpId: z.string().optional(),
    value: z.string().optional(),
    content: z.string().optional(),
  })
  .passthrough();
export type CardCallback = z.infer<typeof cardCallbackSchema>;

export const cardPrivateDataSchema = z
  .object({
    cardPrivateData: z.object({ actionIds: z.array(z.string()).default([]), params: z.record(z.string(), z.unknown()).optional() }).passthrough(),
  })
  .passthrough();
