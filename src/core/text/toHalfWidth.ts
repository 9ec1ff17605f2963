/** Full-width digits, letters and punctuation typed on a Chinese keyboard become ASCII (０１２ → 012, ．→ .). */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
