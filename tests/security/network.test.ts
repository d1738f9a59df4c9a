// Issue 16, the network rule: a catalog's HTTP source (or any redirect hop of its) may not reach
// loopback, link-local, private or cloud metadata addresses unless the host is allowed by name,
// judged on the addresses the name resolves to, and the request then connects to those checked
// addresses only. Fetched through the real extract stage (fetchDataset) against loopback servers.
import { readdir } from 'node:fs/promises';
import { fetchDataset } from '../../pipeline/extract/index.ts';
import { checkHop, forbiddenAddress, netPolicyFrom, type Resolver } from '../../pipeline/extract/net-policy.ts';
import type { Effects } from '../../pipeline/types.ts';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { startSeoulApiServer, type SeoulApiServer } from '../helpers/seoul-api-server.ts';
import { descriptor, tempDir, testEffects } from '../validate/helpers.ts';

const CSV = '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n';
const METADATA_URL = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';

let dir: Awaited<ReturnType<typeof tempDir>>;
let server: TestHttpServer;
beforeEach(async () => {
  dir = await tempDir('citydash-net-');
  server = await startHttpServer();
});
afterEach(async () => {
  await server?.close();
  await dir?.cleanup();
});

/** Effects with no loopback allowance unless the test gives one (testEffects adds it by default). */
function effects(env: Record<string, string> = {}, resolve?: Resolver): Effects {
  const eff = testEffects({}, '2026-11-28T12:00:00Z');
  return { ...eff, env: { CITYDASH_ALLOW_HOSTS: '', ...env }, ...(resolve ? { resolve } : {}) };
}
const ctx = (eff: Effects, allowHosts?: string[]) => ({ catalogRoot: dir.path, work: dir.work, offline: false, effects: eff, allowHosts });
const httpSource = (url: string) => descriptor({ extract: { kind: 'http', url, format: 'csv' } });

/** A made-up name the system DNS cannot know: only the injected resolver answers for it. */
const fakeDns = (table: Record<string, string>): Resolver & { asked: string[] } => {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const address = table[host];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(resolve, { asked });
};

describe('addresses', () => {
  test.each([
    ['127.0.0.1', 'a loopback address'], ['127.8.9.10', 'a loopback address'], ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'], ['::ffff:7f00:1', 'a loopback address'],
    ['169.254.169.254', 'a cloud metadata address'], ['fd00:ec2::254', 'a cloud metadata address'], ['64:ff9b::a9fe:a9fe', 'a cloud metadata address'],
    ['169.254.1.1', 'a link-local address'], ['fe80::1', 'a link-local address'],
    ['10.1.2.3', 'a private-network address'], ['172.20.0.1', 'a private-network address'], ['192.168.0.10', 'a private-network address'], ['fd12::1', 'a private-network address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'], ['0.0.0.0', 'an unspecified address'], ['::', 'an unspecified address'],
    ['224.0.0.251', 'a multicast address'], ['ff02::1', 'a multicast address'], ['255.255.255.255', 'a reserved address'],
  ])('%s is %s', (address, rule) => {
    expect(forbiddenAddress(address)).toBe(rule);
  });

  test.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '211.110.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(forbiddenAddress(address)).toBeNull();
  });

  test('other schemes are refused at the hop, and allowances are by name', async () => {
    const policy = netPolicyFrom({ CITYDASH_ALLOW_HOSTS: ' Intranet.Seoul.go.kr. ,[::1]' }, ['data.seoul.local']);
    const hop = { shown: 'x', hop: 0, method: 'GET', requestUrl: 'x' };
    await expect(checkHop('file:///etc/passwd', policy, null, hop)).rejects.toThrow(/scheme "file:" is not http: or https:/);
    await expect(checkHop('ftp://example.org/a.csv', policy, null, hop)).rejects.toThrow(/scheme "ftp:"/);
    await expect(checkHop('http://[::1]:8080/', policy, null, hop)).resolves.toEqual([{ address: '::1', family: 6 }]);
    const dns = fakeDns({ 'intranet.seoul.go.kr': '10.0.0.5', 'data.seoul.local': '192.168.1.4', 'meta.seoul.local': '169.254.169.254' });
    await expect(checkHop('https://intranet.seoul.go.kr/a.csv', policy, dns, hop)).resolves.toEqual([{ address: '10.0.0.5', family: 4 }]);
    await expect(checkHop('https://data.seoul.local/a.csv', policy, dns, hop)).resolves.toEqual([{ address: '192.168.1.4', family: 4 }]);
    // citydash.yaml comes by pull request: what it allows never reaches a metadata address.
    const catalogOnly = netPolicyFrom({}, ['meta.seoul.local']);
    await expect(checkHop('http://meta.seoul.local/', catalogOnly, dns, hop)).rejects.toThrow(/resolves to 169\.254\.169\.254, a cloud metadata address; only CITYDASH_ALLOW_HOSTS can allow it/);
  });
});

describe('through the extract stage', () => {
  test('a loopback source is refused before any request, naming the rule', async () => {
    server.route('/air.csv', { body: CSV });
    const r = await fetchDataset(httpSource(server.url('/air.csv')), ctx(effects()));
    expect(r.state).toBe('failed');
    expect(r.fetch.error).toContain(`Request refused by the network rule (${server.url('/air.csv')}: 127.0.0.1 is a loopback address;`);
    expect(server.requests).toHaveLength(0);
    // Refused, not retried: one line, no retries.
    expect(r.fetch.error).not.toMatch(/attempts/);
  });

  test('localhost, resolved by the system, is loopback too', async () => {
    server.route('/air.csv', { body: CSV });
    const url = server.url('/air.csv').replace('127.0.0.1', 'localhost');
    const r = await fetchDataset(httpSource(url), ctx(effects()));
    expect(r.fetch.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(server.requests).toHaveLength(0);
  });

  test('a name resolving to 127.0.0.1 is refused; allowed by name it connects to the address that was checked', async () => {
    server.route('/air.csv', { body: CSV });
    const url = server.url('/air.csv').replace('127.0.0.1', 'intranet.example.test');
    const dns = fakeDns({ 'intranet.example.test': '127.0.0.1' });
    const refused = await fetchDataset(httpSource(url), ctx(effects({}, dns)));
    expect(refused.fetch.error).toContain('intranet.example.test resolves to 127.0.0.1, a loopback address; if this host is meant, allow it by name');
    expect(server.requests).toHaveLength(0);

    // Allowed in citydash.yaml: the system DNS has never heard of the name, so reaching the
    // server proves the connection went to the address the rule resolved, not to a new lookup.
    const allowed = await fetchDataset(httpSource(url), ctx(effects({}, dns), ['intranet.example.test']));
    expect(allowed.state).toBe('fresh');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.host).toBe(new URL(url).host);
    expect(dns.asked).toEqual(['intranet.example.test', 'intranet.example.test']);
  });

  test('a redirect chain ending at the metadata service is refused at that hop; nothing reaches it', async () => {
    // data.example.test and mirror.example.test are the department's (allowed by the operator);
    // the last hop is the cloud metadata address, and a name that resolves to it.
    const dns = fakeDns({ 'data.example.test': '127.0.0.1', 'mirror.example.test': '127.0.0.1', 'meta.example.test': '169.254.169.254' });
    const port = new URL(server.origin).port;
    server.route('/air.csv', { redirect: `http://mirror.example.test:${port}/moved.csv` });
    server.route('/moved.csv', { redirect: METADATA_URL });
    const eff = effects({ CITYDASH_ALLOW_HOSTS: 'data.example.test,mirror.example.test' }, dns);
    const r = await fetchDataset(httpSource(`http://data.example.test:${port}/air.csv`), ctx(eff));
    expect(r.state).toBe('failed');
    expect(r.fetch.error).toContain(`(redirect 2 to ${METADATA_URL}: 169.254.169.254 is a cloud metadata address; only CITYDASH_ALLOW_HOSTS can allow it)`);
    expect(server.requests.map((q) => q.path)).toEqual(['/air.csv', '/moved.csv']);
    // Nothing was stored: no metadata answer can reach a report or the change log.
    await expect(readdir(dir.work.raw('air-test'))).rejects.toThrow();

    // The same through a name, and through an injected fetch that records every request sent:
    // the refused hop is never asked for.
    server.route('/moved.csv', { redirect: `http://meta.example.test${new URL(METADATA_URL).pathname}` });
    const sent: string[] = [];
    const spy: typeof fetch = (input, init) => {
      sent.push(String(input));
      return globalThis.fetch(String(input).replace(/(data|mirror)\.example\.test/, '127.0.0.1'), init);
    };
    const viaName = await fetchDataset(httpSource(`http://data.example.test:${port}/air.csv`), ctx({ ...eff, fetch: spy }));
    expect(viaName.fetch.error).toContain('redirect 2 to http://meta.example.test/latest/meta-data/iam/security-credentials/: meta.example.test resolves to 169.254.169.254, a cloud metadata address');
    expect(sent).toEqual([`http://data.example.test:${port}/air.csv`, `http://mirror.example.test:${port}/moved.csv`]);
  });

  test('DNS rebinding: the connection goes to the address that was checked, not to a second answer', async () => {
    server.route('/air.csv', { body: CSV });
    const port = new URL(server.origin).port;
    // The answer the rule checked is public (TEST-NET-3, unreachable here); the system's own
    // answer for localhost, which a client resolving again to connect would get, is loopback.
    let answers = 0;
    const rebinding: Resolver = async () => { answers++; return [{ address: '203.0.113.7', family: 4 }]; };
    const { httpGet } = await import('../../pipeline/extract/http.ts');
    const err = await httpGet(`http://localhost:${port}/air.csv`, { retries: 0, timeoutMs: 3000 }, effects({}, rebinding)).then(() => null, (e: Error) => e);
    expect(err?.name).toMatch(/NetworkError|TimeoutError/);
    expect(answers).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  test('a redirect to a private address is refused even from an allowed loopback test server', async () => {
    server.route('/air.csv', { redirect: 'http://10.0.0.1/internal.csv' });
    const r = await fetchDataset(httpSource(server.url('/air.csv')), ctx(effects({ CITYDASH_ALLOW_HOSTS: '127.0.0.1' })));
    expect(r.fetch.error).toContain('redirect 1 to http://10.0.0.1/internal.csv: 10.0.0.1 is a private-network address');
  });

  describe('Seoul Open API sources', () => {
    let api: SeoulApiServer;
    const key = 'seoul-key-0d1e2f3a';
    beforeEach(async () => {
      api = await startSeoulApiServer({ key, services: { DailyAverageAirQuality: { rows: [{ MSRDT_DE: '20180101', MSRSTE_NM: '강남구', PM10: 34 }] } } });
    });
    afterEach(async () => { await api?.close(); });

    test('a base URL on loopback is refused unless allowed, and the key never shows', async () => {
      const ds = descriptor({ extract: { kind: 'seoul-openapi', service: 'DailyAverageAirQuality', baseUrl: api.baseUrl } });
      const r = await fetchDataset(ds, ctx(effects({ SEOUL_API_KEY: key })));
      expect(r.state).toBe('failed');
      expect(r.fetch.error).toContain('127.0.0.1 is a loopback address');
      expect(JSON.stringify(r)).not.toContain(key);
      expect(api.requests).toHaveLength(0);
      const ok = await fetchDataset(ds, ctx(effects({ SEOUL_API_KEY: key, CITYDASH_ALLOW_HOSTS: '127.0.0.1' })));
      expect(ok.state).toBe('fresh');
    });
  });
});

describe('check: a URL naming an internal address is refused at its line', () => {
  test('metadata, loopback and private literals and localhost; an allowed intranet host passes', async () => {
    const { checkReport, citydash, datasetYaml, lineOf, rowSchema, securityCatalog } = await import('./harness.ts');
    const files: Record<string, string> = {
      'sources/safety/meta.yaml': datasetYaml({ id: 'meta', extract: { kind: 'http', url: METADATA_URL, format: 'csv' }, columns: { a: { type: 'string' } } }),
      'sources/safety/local-api.yaml': datasetYaml({ id: 'local-api', extract: { kind: 'seoul-openapi', service: 'DailyAverageAirQuality', baseUrl: 'http://localhost:8088' }, columns: { a: { type: 'string' } } }),
      'sources/safety/private.yaml': datasetYaml({ id: 'private', extract: { kind: 'http', url: 'http://[::ffff:10.0.0.7]/a.csv', format: 'csv' }, columns: { a: { type: 'string' } } }),
      'sources/safety/intranet.yaml': datasetYaml({ id: 'intranet', extract: { kind: 'http', url: 'http://192.168.10.20/a.csv', format: 'csv' }, columns: { a: { type: 'string' } } }),
      'sources/safety/file-url.yaml': datasetYaml({ id: 'file-url', extract: { kind: 'http', url: 'file:///etc/passwd', format: 'csv' }, columns: { a: { type: 'string' } } }),
      'sources/safety/ftp-url.yaml': datasetYaml({ id: 'ftp-url', extract: { kind: 'http', url: 'ftp://ftp.seoul.go.kr/a.csv', format: 'csv' }, columns: { a: { type: 'string' } } }),
      'sources/safety/data-url.yaml': datasetYaml({ id: 'data-url', extract: { kind: 'http', url: 'data:text/csv,a%0A1', format: 'csv' }, columns: { a: { type: 'string' } } }),
    };
    for (const id of ['meta', 'local-api', 'private', 'intranet', 'file-url', 'ftp-url', 'data-url']) files[`schemas/${id}.schema.json`] = rowSchema({ a: 'string' });
    const cat = await securityCatalog({ files });
    try {
      await cat.add({ 'citydash.yaml': `${await cat.read('citydash.yaml')}\nnetwork: {allowHosts: [192.168.10.20, 169.254.169.254]}\n` });
      const report = checkReport(await citydash(cat, 'check'));
      const network = report.problems.filter((p) => p.rule === 'network').map((p) => `${p.file}:${p.line}: ${p.message}`).sort();
      const line = async (file: string, needle: string) => lineOf(await cat.read(file), needle);
      expect(network).toEqual([
        `sources/safety/local-api.yaml:${await line('sources/safety/local-api.yaml', 'baseUrl')}: extract.baseUrl "http://localhost:8088": localhost is a loopback address: network sources may reach public addresses only; an intranet host is allowed by name in citydash.yaml (network: {allowHosts: [localhost]}) or CITYDASH_ALLOW_HOSTS`,
        // citydash.yaml lists it, but a pull request can never open the metadata service.
        `sources/safety/meta.yaml:${await line('sources/safety/meta.yaml', 'url:')}: extract.url "${METADATA_URL}": 169.254.169.254 is a cloud metadata address: network sources may reach public addresses only; only CITYDASH_ALLOW_HOSTS, set by whoever runs citydash, can allow it`,
        `sources/safety/private.yaml:${await line('sources/safety/private.yaml', 'url:')}: extract.url "http://[::ffff:10.0.0.7]/a.csv": ::ffff:a00:7 is a private-network address: network sources may reach public addresses only; an intranet host is allowed by name in citydash.yaml (network: {allowHosts: [::ffff:a00:7]}) or CITYDASH_ALLOW_HOSTS`,
      ]);
      // Other schemes are refused by the URL rule of the descriptor schema, at their line too.
      for (const id of ['file-url', 'ftp-url', 'data-url']) {
        const file = `sources/safety/${id}.yaml`;
        const found = report.problems.filter((p) => p.file === file && p.severity === 'error');
        expect(found).toEqual([expect.objectContaining({ line: await line(file, 'url:'), message: expect.stringMatching(/an http:\/\/ or https:\/\/ URL/) })]);
      }
    } finally {
      await cat.cleanup();
    }
  });
});
