/**
 * The text a Feishu card shows, written the way renderText writes a view for WeChat, QQ and the sandbox, so a
 * Feishu reply can be compared with theirs. It reads the card JSON that reached the (fake) Open API, element by
 * element, and undoes only what the card layout adds (cards/render/renderLarkCard.ts):
 * - the header colour is the tone (green ✅, orange ⚠️, red ❌, blue nothing) and the title is 【title】;
 * - a field is `**label**：value` in markdown → `label：value`;
 * - a section is a rule then a markdown block whose first line is `**heading**` → `— heading —`;
 * - a table's column names and rows → `a · b · c` lines;
 * - buttons (alone or in a column set) → `回复「/command」label` joined with "；";
 * - markdown escapes (`\*`, `\_`, `\<` …) are taken away.
 * Anything else in the card (an unknown element) fails, so a card that shows something the text does not say
 * cannot pass unnoticed.
 */
interface CardElement {
  tag: string;
  content?: string;
  text_size?: string;
  columns?: { display_name?: string; elements?: CardElement[] }[];
  rows?: Record<string, string>[];
  text?: { content: string };
  behaviors?: { type: string; value: { command: string } }[];
}

interface Card {
  header: { title: { content: string }; template: string };
  body: { elements: CardElement[] };
}

const toneMark: Record<string, string> = { blue: '', green: '✅ ', orange: '⚠️ ', red: '❌ ' };

const unescape = (text: string) => text.replace(/\\([*_~`<>[\]])/g, '$1');

export function larkCardText(content: string): string {
  const card = JSON.parse(content) as Card;
  const mark = toneMark[card.header.template];
  if (mark === undefined) throw new Error(`unknown card colour ${card.header.template}`);
  const out = [`${mark}【${card.header.title.content}】`];
  const buttons: string[] = [];
  const button = (element: CardElement) => {
    const command = element.behaviors?.find((b) => b.type === 'callback')?.value.command;
    if (!command || !element.text) throw new Error('a button without a command');
    buttons.push(`回复「${command}」${element.text.content}`);
  };
  let inSection = false;
  for (const element of card.body.elements) {
    if (element.tag === 'hr') {
      inSection = true;
    } else if (element.tag === 'markdown' && element.text_size === 'notation') {
      if (buttons.length > 0) out.push(buttons.splice(0).join('；'));
      out.push(unescape(element.content ?? ''));
    } else if (element.tag === 'markdown') {
      const lines = (element.content ?? '').split('\n');
      if (inSection) {
        const heading = /^\*\*(.*)\*\*$/u.exec(lines[0] ?? '');
        if (!heading) throw new Error(`a section without a heading: ${element.content}`);
        out.push(`— ${unescape(heading[1]!)} —`, ...lines.slice(1).map(unescape));
        inSection = false;
      } else {
        out.push(...lines.map((line) => unescape(line.replace(/^\*\*(.*?)\*\*：/u, '$1：'))));
      }
    } else if (element.tag === 'table') {
      out.push((element.columns ?? []).map((c) => c.display_name ?? '').join(' · '));
      for (const row of element.rows ?? []) out.push((element.columns ?? []).map((_, i) => row[`c${i}`] ?? '').join(' · '));
    } else if (element.tag === 'button') {
      button(element);
    } else if (element.tag === 'column_set') {
      for (const column of element.columns ?? []) for (const inner of column.elements ?? []) button(inner);
    } else {
      throw new Error(`card element the scenario cannot read as text: ${element.tag}`);
    }
  }
  if (buttons.length > 0) out.push(buttons.join('；'));
  return out.join('\n');
}
