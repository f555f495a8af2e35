/**
 * Refuses sources on private, loopback, link-local and other non-public addresses, checked on
 * the address the socket connects to (the resolver's answer), not only on the name: a public
 * name that resolves to 127.0.0.1 or 169.254.169.254 is refused all the same.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A source's address is not a public one; `SITREP_ALLOW_PRIVATE_SOURCES=true` allows it. */
export class PrivateAddressError extends Error {
  override readonly name = 'PrivateAddressError';
  readonly code = 'EPRIVATE';
}

/** Public unicast only: private, loopback, link-local, carrier NAT, multicast, reserved are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  return ipaddr.process(address).range() === 'unicast';
}

/** The host of a URL as an address when it is one ("[::1]" → "::1"), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0 ? bare : undefined;
}

export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** The system resolver, in the shape `net.connect`'s `lookup` option calls. */
export const systemLookup: LookupFunction = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => callback(err, addresses));

/**
 * A `lookup` for `net.connect` that keeps only public addresses: the socket can only connect to
 * what this returns, so a resolver that answers differently the second time gains nothing.
 */
export function guardedLookup(resolve: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, []);
      const all: LookupAddress[] = typeof found === 'string' ? [{ address: found, family: isIP(found) }] : found;
      const usable = all.filter((a) => isPublicAddress(a.address));
      const first = usable[0];
      if (!first) {
        const shown = all.map((a) => a.address).join(', ') || 'nothing';
        return callback(new PrivateAddressError(`${hostname} resolves to ${shown}, not a public address`), []);
      }
      if (options.all) return callback(null, usable);
      return callback(null, first.address, first.family);
    });
  };
}
