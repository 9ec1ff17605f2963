/** A /绑定 line as it may be logged: the code (or digits) after the name is never written to a log. */
export function redactBindCode(text: string): string {
  return text.replace(/^([\s\u3000]*[/／](?:绑定|bind)[\s\u3000]+[^\s\u3000]+[\s\u3000]+)\S+/u, '$1***');
}
