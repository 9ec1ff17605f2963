const LOOPBACK = ['127.0.0.1', '::1'];

function normalise(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * True when the remote address is in the allow-list (comma-separated IP addresses; `*` allows any).
 * Without a list only loopback is allowed: a OneBot implementation on the same machine.
 */
export function isAllowedAddress(remote: string | undefined, allowList: string | undefined): boolean {
  if (!remote) return false;
  const allowed = (allowList?.trim() ? allowList.split(',') : LOOPBACK).map(normalise).filter(Boolean);
  if (allowed.includes('*')) return true;
  return allowed.includes(normalise(remote));
}
