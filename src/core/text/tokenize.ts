/** The words of a command line: split on whitespace, full-width spaces (U+3000) too. */
export function tokenize(text: string): string[] {
  return text.split(/[\s\u3000]+/u).filter((t) => t.length > 0);
}
