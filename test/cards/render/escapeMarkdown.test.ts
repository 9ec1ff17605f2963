import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../cards/render/escapeMarkdown.ts';
import { renderLarkCard } from '../../../cards/render/renderLarkCard.ts';

/** CommonMark's rule: a backslash before ASCII punctuation makes that character literal. */
function readMarkdown(source: string): { char: string; literal: boolean }[] {
  const out: { char: string; literal: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\\' && next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
      out.push({ char: next, literal: true });
      i++;
    } else out.push({ char: c, literal: false });
  }
  return out;
}

/** Markup a Feishu card would act on: a link `[..](`, emphasis, code, a tag. */
function liveMarkup(source: string): string[] {
  const tokens = readMarkdown(source);
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.literal) continue;
    if (t.char === ']' && tokens[i + 1]?.char === '(' && !tokens[i + 1]!.literal && tokens.slice(0, i).some((p) => p.char === '[' && !p.literal))
      found.push('link');
    if ('*_~`<'.includes(t.char)) found.push(t.char);
  }
  return found;
}

describe('escapeMarkdown keeps typed text inert in Feishu cards', () => {
  it('does not let an escaped-looking link become live (issue 11)', () => {
    const attack = '\\[点这里领取\\](http://evil.example/phish)';
    expect(liveMarkup(attack)).toEqual([]); // as typed it is inert…
    expect(liveMarkup(attack.replace(/\\/g, '\\\\'))).toEqual(['link']); // …and escaping only the brackets would make it live
    const escaped = escapeMarkdown(attack);
    expect(escaped).toBe('\\\\\\[点这里领取\\\\\\](http://evil.example/phish)');
    expect(liveMarkup(escaped)).toEqual([]);
    expect(
      readMarkdown(escaped)
        .map((t) => t.char)
        .join(''),
    ).toBe(attack);
  });

  it('any text: nothing live, and the reader sees exactly what was typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\\', '[', ']', '(', ')', '*', '_', '~', '`', '<', '>', 'a', '文', ' ', 'h') }), (text) => {
        const escaped = escapeMarkdown(text);
        expect(liveMarkup(escaped)).toEqual([]);
        expect(
          readMarkdown(escaped)
            .map((t) => t.char)
            .join(''),
        ).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('is what the card renderer uses for lines, fields and notes', () => {
    const card = renderLarkCard({
      kind: 'x',
      title: 't',
      tone: 'info',
      lines: ['\\[x\\](http://a.example)'],
      fields: [{ label: '原因', value: '\\[y\\](http://b.example)' }],
      note: '\\[z\\](http://c.example)',
    });
    const markdown = JSON.stringify(card);
    const contents = (card.body as { elements: { tag: string; content?: string }[] }).elements.filter((e) => e.tag === 'markdown').map((e) => e.content!);
    expect(contents).toHaveLength(3);
    for (const content of contents) expect(liveMarkup(content)).toEqual(expect.not.arrayContaining(['link']));
    expect(markdown).not.toContain('"\\\\[x\\\\](http');
  });
});
