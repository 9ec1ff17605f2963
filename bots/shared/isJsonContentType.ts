/**
 * True for `application/json` (any parameters, e.g. `; charset=utf-8`). Feishu, OneBot implementations and the
 * sandbox page all send JSON with this type; anything else (text/plain, a form, no type at all) is not one of
 * their reports, so the webhooks answer 415 before looking at the body and nothing is queued.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export const NOT_JSON_CONTENT_TYPE = '请求的 Content-Type 必须是 application/json';
