// The network rule for every request a catalog file can cause (README, "Security"): catalog
// files come from pull requests, so an `extract.url`, a Seoul base URL or any redirect hop of
// theirs must not reach the machine's own services — loopback, link-local and cloud metadata,
// private networks — unless whoever runs citydash allowed that host by name. The check is on
// the addresses the name resolves to (every one of them), and the request then connects to
// those checked addresses only (pinned-fetch.ts), so a DNS answer that changes between check and
// connect (rebinding) cannot slip through.

import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ALLOW_HOSTS_ENV, forbiddenAddress, METADATA, normalizeHost, type NetPolicy, type ResolvedAddress } from '../net-rule.ts';
import { HttpError } from './http-errors.ts';

export { ALLOW_HOSTS_ENV, forbiddenAddress, netPolicyFrom, normalizeHost, urlHostProblem, type NetPolicy, type ResolvedAddress } from '../net-rule.ts';

/** The DNS effect: every address a host name resolves to. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family }));

/** A request the network rule refused: names the hop, the address and the rule it breaks. */
export class NetPolicyError extends HttpError {
  constructor(reason: string, method: string, url: string) {
    super(`Request refused by the network rule (${reason})`, method, url, 1);
    this.name = 'NetPolicyError';
  }
}

export interface HopCheck {
  /** The URL of this hop as it may be shown (secrets masked). */
  shown: string;
  /** 0 for the request itself, n for the nth redirect. */
  hop: number;
  method: string;
  /** The display URL of the original request (what the error is about). */
  requestUrl: string;
  signal?: AbortSignal;
}

/**
 * Check one hop before any byte is sent to it: the scheme, then every address its host
 * resolves to. Returns the addresses to connect to (empty when there is no resolver: a name is
 * then checked only when it is an IP literal). Throws NetPolicyError naming the hop and the rule.
 */
export async function checkHop(url: string, policy: NetPolicy, resolve: Resolver | null, hop: HopCheck): Promise<ResolvedAddress[]> {
  const which = hop.hop === 0 ? hop.shown : `redirect ${hop.hop} to ${hop.shown}`;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NetPolicyError(`${which}: scheme ${JSON.stringify(parsed.protocol)} is not http: or https:`, hop.method, hop.requestUrl);
  }
  const host = normalizeHost(parsed.hostname);
  const literal = isIP(host) !== 0;
  if (!literal && !resolve) return [];
  const addresses = literal ? [{ address: host, family: isIP(host) }] : await abortable(resolve!(host), hop.signal);
  if (policy.operatorHosts.has(host)) return addresses;
  const allowedByCatalog = policy.allowHosts.has(host);
  if (addresses.length === 0) throw new NetPolicyError(`${which}: ${host} resolves to no address`, hop.method, hop.requestUrl);
  for (const a of addresses) {
    const rule = forbiddenAddress(a.address);
    if (rule && !(allowedByCatalog && rule !== METADATA)) {
      const resolved = literal ? `${host} is` : `${host} resolves to ${a.address},`;
      const how = rule === METADATA ? `only ${ALLOW_HOSTS_ENV} can allow it` : `if this host is meant, allow it by name with ${ALLOW_HOSTS_ENV} or network.allowHosts in citydash.yaml`;
      throw new NetPolicyError(`${which}: ${resolved} ${rule}; ${how}`, hop.method, hop.requestUrl);
    }
  }
  return addresses;
}

/** A lookup that stops waiting when the request's deadline fires. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
