import { z } from 'zod';

const id = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => String(v));
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

export const oneBotSegmentSchema = z.object({
  type: z.string().min(1),
  data: z.record(z.string(), scalar.nullable().optional()).nullable().optional(),
});

/** Fields every OneBot v11 report carries. */
export const oneBotEnvelopeSchema = z.object({
  time: z.number().optional(),
  self_id: id,
  post_type: z.string().min(1),
});

/** A message report (group or private); only groups are acted on. */
export const oneBotMessageEventSchema = oneBotEnvelopeSchema.extend({
  post_type: z.literal('message'),
  message_type: z.string(),
  sub_type: z.string().optional(),
  message_id: id,
  group_id: id.optional(),
  group_name: z.string().optional(),
  user_id: id,
  message: z.union([z.string(), z.array(oneBotSegmentSchema)]),
  message_format: z.enum(['string', 'array']).optional(),
  raw_message: z.string().optional(),
  sender: z
    .object({
      user_id: id.optional(),
      nickname: z.string().optional(),
      card: z.string().optional(),
      role: z.string().optional(),
    })
    .partial()
    .optional(),
});

/** The bot joined a group (`group_increase` about itself). */
export const oneBotGroupIncreaseSchema = oneBotEnvelopeSchema.extend({
  post_type: z.literal('notice'),
  notice_type: z.literal('group_increase'),
  group_id: id,
  user_id: id,
});

export type OneBotMessageEvent = z.infer<typeof oneBotMessageEventSchema>;
export type OneBotGroupIncrease = z.infer<typeof oneBotGroupIncreaseSchema>;
