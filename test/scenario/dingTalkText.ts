/**
 * The text a DingTalk message shows, written the way renderText writes a view for WeChat, QQ and the sandbox, so a
 * DingTalk reply can be compared with theirs. It reads what reached the (fake) OpenAPI and undoes only what the
 * DingTalk layout adds (cards/render/renderDingTalkMarkdown.ts, renderDingTalkCard.ts):
 * - a markdown message starts with `### title`; a card carries the title in msgTitle;
 * - blocks are separated by a blank line, lines inside a block by a hard break (two spaces, newline);
 * - a field is `**label**：value` → `label：value`; a section heading `**— heading —**` → `— heading —`;
 * - the note is `<font color=common_level3_base_color>…</font>` → its text;
 * - a card's buttons (msgButtons, with the commands the adapter stored for their ids) → `回复「/command」label`
 *   joined with "；", before the note.
 * Anything in a card this reader does not know (another variable, a button without a stored command) fails.
 */
const NOTE = /^<font color=common_level3_base_color>([\s\S]*)<\/font>$/u;

function readBlocks(markdown: string): { lines: string[]; note?: string } {
  const lines: string[] = [];
  let note: string | undefined;
  // A blank line ends a block unless it follows a hard break (an empty line at the end of a block).
  for (const block of markdown.split(/(?<! {2})\n\n/u)) {
    if (block === '') continue;
    const isNote = NOTE.exec(block);
    if (isNote) {
      note = isNote[1]!;
      continue;
    }
    for (const line of block.split('  \n')) {
      const heading = /^\*\*— (.*) —\*\*$/u.exec(line);
      lines.push(heading ? `— ${heading[1]} —` : line.replace(/^\*\*(.*?)\*\*：/u, '$1：'));
    }
  }
  return { lines, ...(note !== undefined ? { note } : {}) };
}

/** A `sampleMarkdown` message's text. */
export function dingTalkMarkdownText(markdown: string): string {
  const title = /^### (.*)\n\n/u.exec(markdown) ?? /^### (.*)$/u.exec(markdown);
  if (!title) throw new Error(`a markdown message without its ### title: ${markdown.slice(0, 40)}`);
  const { lines, note } = readBlocks(markdown.slice(title[0].length));
  return [title[1]!, ...lines, ...(note !== undefined ? [note] : [])].join('\n');
}

/** A card's variables (cardParamMap) and the commands stored for its button ids. */
export function dingTalkCardText(params: Record<string, string>, commands: Record<string, string>): string {
  const known = new Set(['msgTitle', 'msgContent', 'flowStatus', 'sys_full_json_obj']);
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`card variables the scenario cannot read as text: ${unknown.join(', ')}`);
  const layout = JSON.parse(params.sys_full_json_obj ?? '{}') as { msgButtons?: { id: string; text: string }[] };
  const buttons = (layout.msgButtons ?? []).map((button) => {
    const command = commands[button.id];
    if (!command) throw new Error(`a button without a command: ${button.id}`);
    return `回复「${command}」${button.text}`;
  });
  const { lines, note } = readBlocks(params.msgContent ?? '');
  return [params.msgTitle ?? '', ...lines, ...(buttons.length > 0 ? [buttons.join('；')] : []), ...(note !== undefined ? [note] : [])].join('\n');
}
