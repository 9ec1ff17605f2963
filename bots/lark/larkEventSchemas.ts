import { z } from 'zod';

/** Only the fields the adapter reads are checked; Feishu adds fields over time, so unknown ones pass. */
const userId = z.object({ open_id: z.string().optional(), union_id: z.string().optional(), user_id: z.string().optional().nullable() }).passthrough();

export const larkHeaderSchema = z
  .object({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    create_time: z.string().optional(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  })
  .passthrough();
export type LarkHeader = z.infer<typeof larkHeaderSchema>;

/** The v2 envelope (`schema: "2.0"`); v1 events (`uuid`, `event.type`) are only answered for url_verification. */
export const larkEnvelopeSchema = z.object({ schema: z.literal('2.0'), header: larkHeaderSchema, event: z.record(z.string(), z.unknown()) }).passthrough();
export type LarkEnvelope = z.infer<typeof larkEnvelopeSchema>;

export const larkMentionSchema = z.object({ key: z.string(), id: userId, name: z.string().default('') }).passthrough();
export type LarkMention = z.infer<typeof larkMentionSchema>;

export const messageReceiveSchema = z
  .object({
    sender: z.object({ sender_id: userId, sender_type: z.string().optional() }).passthrough(),
    message: z
      .object({
        message_id: z.string().min(1),
        chat_id: z.string().min(1),
        chat_type: z.string(),
        message_type: z.string(),
        content: z.string(),
        create_time: z.string().optional(),
        mentions: z.array(larkMentionSchema).nullish(),
      })
      .passthrough(),
  })
  .passthrough();
export type MessageReceive = z.infer<typeof messageReceiveSchema>;

export const botAddedSchema = z
  .object({ chat_id: z.string().min(1), operator_id: userId.optional(), name: z.string().optional(), external: z.boolean().optional() })
  .passthrough();

export const cardActionSchema = z
  .object({
    operator: userId,
    token: z.string().optional(),
    action: z.object({ value: z.unknown().optional(), tag: z.string().optional() }).passthrough(),
    context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).passthrough(),
  })
  .passthrough();
export type CardAction = z.infer<typeof cardActionSchema>;

/** Text and post message bodies. A post may be wrapped in a locale key (`{"zh_cn": {title, content}}`). */
export const textContentSchema = z.object({ text: z.string() }).passthrough();
export const imageContentSchema = z.object({ image_key: z.string().min(1) }).passthrough();
export const fileContentSchema = z.object({ file_key: z.string().min(1), file_name: z.string().min(1).max(255) }).passthrough();
export const postElementSchema = z
  .object({
    tag: z.string(),
    text: z.string().optional(),
    user_id: z.string().optional(),
    user_name: z.string().optional(),
    image_key: z.string().optional(),
    href: z.string().optional(),
  })
  .passthrough();
export const postBodySchema = z.object({ title: z.string().optional().nullable(), content: z.array(z.array(postElementSchema)) }).passthrough();
