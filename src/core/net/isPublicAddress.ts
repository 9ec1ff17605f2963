import ipaddr from 'ipaddr.js';

/**
 * True only for a global unicast address. Refused: loopback, private (10/8, 172.16/12, 192.168/16), link-local
 * (169.254/16, where cloud metadata lives, and fe80::/10), CGNAT (100.64/10), unspecified, multicast, broadcast,
 * reserved and documentation ranges, IPv6 unique-local (fc00::/7), and IPv6 forms that carry an IPv4 address
 * inside (IPv4-mapped is judged by the IPv4 it maps; NAT64, 6to4 and Teredo are refused outright).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ::ffff:127.0.0.1 is 127.0.0.1.
  return ipaddr.process(address).range() === 'unicast';
}
