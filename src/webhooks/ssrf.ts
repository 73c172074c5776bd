import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BadRequestError } from '../common/errors/domain-error';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including the 169.254.169.254 metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
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
    : await lookup(host, { all: true });
  if (addresses.length === 0)
    throw new BadRequestError('webhook-target-unresolvable', `${host} does not resolve`);
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      throw new BadRequestError(
        'webhook-target-forbidden',
        `${host} resolves to ${bad.address}, a private, loopback or link-local address`,
        { field: 'url' },
      );
    }
  }
  return addresses[0];
}
