import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BadRequestError } from '../common/errors/domain-error';

/**
 * Only globally routable unicast addresses may be webhook targets. ipaddr.js classifies every
 * special-purpose block of the IANA registries (documentation, benchmarking, NAT64, 6to4,
 * Teredo, site-local, discard, …): a hand-written list missed a dozen of them.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  // IPv4-mapped (::ffff:a.b.c.d) is a range of its own; the deprecated IPv4-compatible form
  // (::a.b.c.d, the first 96 bits zero) is not one ipaddr.js names: both refused whatever they
  // embed, as no receiver needs them.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0))
    return true;
  return parsed.range() !== 'unicast';
}

export interface UrlPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

/** Checks the URL's form (at create and update time). */
export function checkUrlForm(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadRequestError('invalid-webhook-url', 'url must be an absolute http(s) URL', {
      field: 'url',
    });
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    throw new BadRequestError(
      'invalid-webhook-url',
      policy.allowHttp ? 'url must be http(s)' : 'url must use https',
      {
        field: 'url',
      },
    );
  }
  if (url.username || url.password) {
    throw new BadRequestError('invalid-webhook-url', 'url must not carry credentials', {
      field: 'url',
    });
  }
  return url;
}

/**
 * Resolves the host and refuses loopback, private, link-local and metadata addresses (unless
 * allowed). Returns the address to connect to, so DNS cannot change between check and connect.
 */
export async function resolveTarget(
  url: URL,
  policy: UrlPolicy,
): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0)
    throw new BadRequestError('webhook-target-unresolvable', `${host} does not resolve`, {
      field: 'url',
    });
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      throw new BadRequestError(
        'webhook-target-forbidden',
        `${host} resolves to ${bad.address}, which is not a public unicast address`,
        { field: 'url' },
      );
    }
  }
  return addresses[0];
}
