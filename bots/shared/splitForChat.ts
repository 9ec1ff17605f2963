/**
 * Cuts a long text into pieces of at most `max` characters, at line breaks where possible, so a phone chat
 * window shows whole lines and no platform refuses an over-long message.
 */
export function splitForChat(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) {
        pieces.push(current);
        current = '';
      }
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const joined = current ? `${current}\n${rest}` : rest;
    if (joined.length > max) {
      pieces.push(current);
      current = rest;
    } else {
      current = joined;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}
