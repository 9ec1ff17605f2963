/** One OneBot v11 message segment, as in the array format. */
export interface OneBotSegment {
  type: string;
  data: Record<string, string>;
}

function unescapeText(s: string): string {
  return s.replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/&amp;/g, '&');
}

function unescapeParam(s: string): string {
  return s.replace(/&#44;/g, ',').replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/&amp;/g, '&');
}

/**
 * Turns the string format of OneBot v11 (`你好[CQ:at,qq=123][CQ:image,file=a.jpg,url=https://…]`) into
 * segments, undoing the CQ escapes (&amp; &#91; &#93; and, inside parameters, &#44;).
 */
export function parseCqMessage(message: string): OneBotSegment[] {
  const segments: OneBotSegment[] = [];
  const pattern = /\[CQ:([a-zA-Z0-9_.-]+)((?:,[^\]]*)?)\]/g;
  let last = 0;
  for (const match of message.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ type: 'text', data: { text: unescapeText(message.slice(last, index)) } });
    const data: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').slice(1)) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      data[pair.slice(0, eq)] = unescapeParam(pair.slice(eq + 1));
    }
    segments.push({ type: match[1]!, data });
    last = index + match[0].length;
  }
  if (last < message.length) segments.push({ type: 'text', data: { text: unescapeText(message.slice(last)) } });
  return segments;
}
