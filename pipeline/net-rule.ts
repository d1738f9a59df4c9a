// The network rule's addresses and allowances (README, "Security"), shared by the catalog
// rules (`check` refuses a URL naming an internal address at its line) and the extract stage
// (pipeline/extract/net-policy.ts checks every hop's resolved addresses). Catalog files come
// from pull requests, so what they make citydash fetch must not reach the machine's own
// services — loopback, link-local and cloud metadata, private networks — unless whoever runs
// citydash allowed that host by name.

import { BlockList, isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

export interface NetPolicy {
  /** Host names (or IP literals) a request may reach whatever they resolve to, normalized. */
  allowHosts: ReadonlySet<string>;
  /** The ones allowed by whoever runs citydash (the environment), not by a catalog file. */
  operatorHosts: ReadonlySet<string>;
}

/** The environment variable that relaxes the rule; read here and nowhere else. */
export const ALLOW_HOSTS_ENV = 'CITYDASH_ALLOW_HOSTS';

/**
 * The rule for this run: the hosts `CITYDASH_ALLOW_HOSTS` (comma-separated) and citydash.yaml's
 * `network.allowHosts` list are reachable by name; every other host must resolve to public
 * addresses only. citydash.yaml comes by pull request like every catalog file, so what it
 * allows stops short of cloud metadata addresses: only the environment can allow those.
 */
export function netPolicyFrom(env: Record<string, string | undefined>, settingsAllowHosts: readonly string[] = []): NetPolicy {
  const operatorHosts = new Set((env[ALLOW_HOSTS_ENV] ?? '').split(',').map(normalizeHost).filter(Boolean));
  const allowHosts = new Set([...operatorHosts, ...settingsAllowHosts.map(normalizeHost).filter(Boolean)]);
  return { allowHosts, operatorHosts };
}

/** `[::1]` -> `::1`, `Example.COM.` -> `example.com`. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

// Ranges in the order a message should name them: the most specific rule first.
export const METADATA = 'a cloud metadata address';
const RANGES: [rule: string, cidrs: string[]][] = [
  [METADATA, ['169.254.169.254/32', '169.254.170.2/32', '100.100.100.200/32', 'fd00:ec2::254/128']],
  ['an unspecified address', ['0.0.0.0/8', '::/128']],
  ['a loopback address', ['127.0.0.0/8', '::1/128']],
  ['a link-local address', ['169.254.0.0/16', 'fe80::/10']],
  ['a private-network address', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']],
  ['a carrier-grade NAT (shared) address', ['100.64.0.0/10']],
  ['a multicast address', ['224.0.0.0/4', 'ff00::/8']],
  ['a reserved address', ['240.0.0.0/4', '192.0.0.0/24', '198.18.0.0/15', '2001:db8::/32', '100::/64']],
];

const LISTS = RANGES.map(([rule, cidrs]) => {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    list.addSubnet(net, Number(bits), net.includes(':') ? 'ipv6' : 'ipv4');
  }
  return { rule, list };
});

/**
 * The rule an address breaks, or null for a public address. IPv4 addresses written inside IPv6
 * (`::ffff:127.0.0.1`, NAT64 `64:ff9b::7f00:1`) are judged as the IPv4 address they carry.
 */
export function forbiddenAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  const [addr, type] = embedded ? [embedded, 'ipv4' as const] : [address, family === 4 ? 'ipv4' as const : 'ipv6' as const];
  for (const { rule, list } of LISTS) if (list.check(addr, type)) return rule;
  return null;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address. */
function embeddedIpv4(address: string): string | null {
  const words = expandIpv6(address);
  if (!words) return null;
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  const compatible = words.slice(0, 6).every((w) => w === 0) && (words[6] !== 0 || words[7] > 1);
  if (!mapped && !nat64 && !compatible) return null;
  return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
}

function expandIpv6(address: string): number[] | null {
  let text = address.split('%')[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const words = [...h, ...Array<string>(Math.max(0, fill)).fill('0'), ...t].map((w) => parseInt(w, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/**
 * What `check` can tell from a URL alone, before anything is resolved: a host that is an IP
 * address breaking the rule, or `localhost`. Null when the URL looks reachable (its names are
 * judged again, resolved, on every fetch).
 */
export function urlHostProblem(url: string, policy: NetPolicy): string | null {
  let host: string;
  try {
    host = normalizeHost(new URL(url).hostname);
  } catch {
    return null; // the schema's URL pattern reports it
  }
  if (policy.operatorHosts.has(host)) return null;
  const rule = isIP(host) !== 0 ? forbiddenAddress(host) : host === 'localhost' || host.endsWith('.localhost') ? 'a loopback address' : null;
  if (!rule || (policy.allowHosts.has(host) && rule !== METADATA)) return null;
  const how = rule === METADATA ? `only ${ALLOW_HOSTS_ENV}, set by whoever runs citydash, can allow it` : `an intranet host is allowed by name in citydash.yaml (network: {allowHosts: [${host}]}) or ${ALLOW_HOSTS_ENV}`;
  return `${host} is ${rule}: network sources may reach public addresses only; ${how}`;
}
