/**
 * Makes text typed by people inert in a Feishu card's markdown: every character that starts markup (emphasis,
 * code, links, tags) gets a backslash, and so does the backslash itself; otherwise `\[x\](http://…)` would
 * come out as `\\[x\\](…)`, whose escaped backslashes leave a live link.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`<>[\]])/g, '\\$1');
}
