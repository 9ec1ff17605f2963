import { UserError } from '../../core/errors/UserError.ts';
import { truncate } from '../../core/text/truncate.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';

/**
 * Positional arguments. Tokens are split on whitespace (full-width spaces too); a `rest` argument takes
 * everything that is left, newlines included. @mentions are not tokens: they arrive resolved in ctx.mentions.
 */
export type ArgSpec =
  | { name: string; type: 'string'; optional?: boolean; maxLength?: number }
  | { name: string; type: 'digits'; length: number; optional?: boolean }
  | { name: string; type: 'number'; optional?: boolean; min?: number; max?: number }
  | { name: string; type: 'rest'; optional?: boolean; maxLength?: number };

type ValueOf<S extends ArgSpec> = S['type'] extends 'number' ? number : string;

export type ParsedArgs<A extends readonly ArgSpec[]> = {
  [S in A[number] as S['name']]: S extends { optional: true } ? ValueOf<S> | undefined : ValueOf<S>;
};

export function parseArgs<A extends readonly ArgSpec[]>(specs: A, rest: string, usage: string): ParsedArgs<A> {
  const out: Record<string, string | number | undefined> = {};
  let remaining = rest.trim();
  for (const spec of specs) {
    if (spec.type === 'rest') {
      const value = remaining.trim();
      if (!value && !spec.optional) throw new UserError(`缺少「${spec.name}」。`, usage);
      if (spec.maxLength && value.length > spec.maxLength) {
        throw new UserError(`「${spec.name}」太长了（最多 ${spec.maxLength} 字，现在 ${value.length} 字）。`, usage);
      }
      out[spec.name] = value || undefined;
      remaining = '';
      continue;
    }
    const match = /^([^\s\u3000]+)[\s\u3000]*/u.exec(remaining);
    const token = match?.[1];
    if (token === undefined) {
      if (spec.optional) {
        out[spec.name] = undefined;
        continue;
      }
      throw new UserError(`缺少「${spec.name}」。`, usage);
    }
    remaining = remaining.slice(match![0].length);
    out[spec.name] = convert(spec, toHalfWidth(token), usage);
  }
  if (remaining.trim()) {
    throw new UserError(`多出了内容「${truncate(remaining.trim(), 20)}」。`, usage);
  }
  return out as ParsedArgs<A>;
}

function convert(spec: ArgSpec, token: string, usage: string): string | number {
  switch (spec.type) {
    case 'string':
      if (spec.maxLength && token.length > spec.maxLength) {
        throw new UserError(`「${spec.name}」太长了（最多 ${spec.maxLength} 字）。`, usage);
      }
      return token;
    case 'digits':
      if (!new RegExp(`^\\d{${spec.length}}$`).test(token)) {
        throw new UserError(`「${spec.name}」应是 ${spec.length} 位数字，收到的是「${truncate(token, 20)}」。`, usage);
      }
      return token;
    case 'number': {
      const n = Number(token);
      if (!Number.isFinite(n)) throw new UserError(`「${spec.name}」应是数字，收到的是「${truncate(token, 20)}」。`, usage);
      if (spec.min !== undefined && n < spec.min) throw new UserError(`「${spec.name}」不能小于 ${spec.min}。`, usage);
      if (spec.max !== undefined && n > spec.max) throw new UserError(`「${spec.name}」不能大于 ${spec.max}。`, usage);
      return n;
    }
    case 'rest':
      return token;
  }
}
