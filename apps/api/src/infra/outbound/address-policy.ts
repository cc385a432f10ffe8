import ipaddr from 'ipaddr.js';

/**
 * Which resolved addresses an outbound request may connect to. Only ordinary public unicast
 * passes: private, loopback, link-local, multicast, unspecified, carrier-grade NAT, reserved,
 * documentation and the IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo) are refused.
 * An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address inside it.
 */
export type AddressVerdict = { ok: true } | { ok: false; reason: string };

export interface AddressPolicy {
  /** Loopback only (127.0.0.0/8, ::1); for tests that run a receiver on this machine. */
  allowLoopback?: boolean;
}

export function checkAddress(address: string, policy: AddressPolicy = {}): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return { ok: false, reason: `"${address}" is not an IP address` };
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'unicast') return { ok: true };
  if (range === 'loopback' && policy.allowLoopback) return { ok: true };
  return { ok: false, reason: `${address} is a ${range} address` };
}

/** The host of a URL as an IP literal, or null when it is a name (brackets of IPv6 removed). */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : null;
}
