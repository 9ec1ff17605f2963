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

const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
// File ids are opaque: go-cqhttp's look like a path (`/8a1f…`), NapCat's are long encoded strings.
const fileId = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^\P{Cc}+$/u);
/** A file's name as the chat shows it: control characters out, at most 255 characters, never empty. */
const fileName = z
  .string()
  .transform((name) =>
    name
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, 255),
  )
  .pipe(z.string().min(1));

/** A group file was uploaded (go-cqhttp, NapCat, LLOneBot, Lagrange): `file.id` and `busid` are what the file API takes. */
export const oneBotGroupUploadSchema = oneBotEnvelopeSchema.extend({
  post_type: z.literal('notice'),
  notice_type: z.literal('group_upload'),
  group_id: id,
  user_id: id,
  file: z.object({
    id: fileId,
    name: fileName,
    size: count.optional(),
    busid: z
      .union([
        z.number().int(),
        z
          .string()
          .regex(/^-?\d+$/)
          .transform(Number),
      ])
      .optional(),
  }),
});

/**
 * The data of a `file` segment in a group message (NapCat, LLOneBot: `{file, file_id, file_size, url?}`; the name is
 * `file`, some implementations call it `name` or `file_name`). Segment data arrive as strings (oneBotSegmentSchema).
 */
export const oneBotFileSegmentSchema = z
  .object({
    file_id: fileId,
    file: z.string().optional(),
    name: z.string().optional(),
    file_name: z.string().optional(),
    file_size: count.optional(),
    busid: z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number)
      .optional(),
  })
  .transform(({ file_id, file, name, file_name, file_size, busid }, ctx) => {
    const named = fileName.safeParse(file_name ?? name ?? file ?? '');
    if (!named.success) {
      ctx.addIssue({ code: 'custom', message: 'file segment without a file name' });
      return z.NEVER;
    }
    return { fileId: file_id, fileName: named.data, ...(file_size !== undefined ? { size: file_size } : {}), ...(busid !== undefined ? { busid } : {}) };
  });

export type OneBotMessageEvent = z.infer<typeof oneBotMessageEventSchema>;
export type OneBotGroupIncrease = z.infer<typeof oneBotGroupIncreaseSchema>;
export type OneBotGroupUpload = z.infer<typeof oneBotGroupUploadSchema>;
