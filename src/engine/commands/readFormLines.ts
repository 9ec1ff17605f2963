/** One piece of a "字段：内容" form: a known field with its value, or a piece that names none. */
export type FormLine<F extends string> =
  | { field: F; value: string; line: string; index: number }
  | { field: null; /** The label written before the colon, when there is one. */ label: string | null; line: string; index: number };

/**
 * Reads a multi-line "字段：内容" form (records, tasks, problem ledger): one piece a line (with `semicolons`, also
 * split at ；/;), trimmed, blank pieces skipped. The label before the first colon (：or :, at most `maxLabel`
 * characters) has its spaces removed and is looked up with `fieldOf`; the value is trimmed. What a form does
 * with a piece that names no field (continue the previous field, report it) is up to the form.
 * `index` is the piece's position (for a line-by-line form: its line number − 1).
 */
export function readFormLines<F extends string>(
  text: string,
  fieldOf: (label: string) => F | null | undefined,
  options: { maxLabel?: number; semicolons?: boolean } = {},
): FormLine<F>[] {
  const labelled = new RegExp(`^([^:：]{1,${options.maxLabel ?? 8}}?)[\\s\\u3000]*[:：][\\s\\u3000]*(.*)$`, 'u');
  const out: FormLine<F>[] = [];
  text.split(options.semicolons ? /\r?\n|[；;]/u : /\r?\n/u).forEach((raw, index) => {
    const line = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
    if (!line) return;
    const m = labelled.exec(line);
    const label = m ? m[1]!.replace(/[\s\u3000]+/gu, '') : null;
    const field = label ? fieldOf(label) : null;
    if (m && field) out.push({ field, value: m[2]!.trim(), line, index });
    else out.push({ field: null, label, line, index });
  });
  return out;
}
