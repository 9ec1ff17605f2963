import { maskPhonesInText } from '../util/maskPhone.ts';

/** Shortens text the bot repeats back; a mobile number in it is masked, never shown in full. */
export function truncate(text: string, max: number): string {
  const masked = maskPhonesInText(text);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
