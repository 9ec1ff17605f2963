/** 13812345678 → 138****5678. Phones are never shown or logged in full. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const all = phone.replace(/\D/g, '');
  const digits = all.length === 13 && all.startsWith('86') ? all.slice(2) : all; // +86 country code
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// A mainland mobile number: 11 digits starting 1[3-9], optionally after +86 / 86, not part of a longer number.
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;

/** Masks every mobile number inside free text (chat messages about to be logged): 我是13812345678 → 我是138****5678. */
export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, (_all, head: string, _middle: string, tail: string) => `${head}****${tail}`);
}
