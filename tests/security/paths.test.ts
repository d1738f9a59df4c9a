// Issue 16, "Files outside the catalog are read and published": every path a catalog file names
// resolves (links followed) to a regular file inside the catalog, or the file naming it is
// refused by check, run and build alike, and nothing of the target reaches any output.
import { datasetYaml, refusedTogether, rowSchema, type HostileCase } from './harness.ts';

const PASSWD_COLUMNS = { user: { from: ['root'], type: 'string' }, shell: { from: ['/bin/bash'], type: 'string' } };
const PASSWD_SCHEMA = rowSchema({ user: 'string', shell: 'string' });

/** A `file` source reading `path` as colon-separated CSV (how /etc/passwd parses). */
const passwdSource = (id: string, extract: Record<string, unknown>) => ({
  [`sources/safety/${id}.yaml`]: datasetYaml({ id, extract: { kind: 'file', format: 'csv', encoding: 'utf-8', csv: { delimiter: ':' }, ...extract }, columns: PASSWD_COLUMNS }),
  [`schemas/${id}.schema.json`]: PASSWD_SCHEMA,
});

const cases: [string, HostileCase][] = [
  ['extract.path climbing out with ../', {
    files: passwdSource('climb', { path: '../../../../../../../../../../etc/passwd' }),
    refused: { file: 'sources/safety/climb.yaml', line: 'path:', message: /"\.\.\/.*etc\/passwd" leads outside the catalog folder/ },
  }],
  ['an absolute extract.path', {
    files: passwdSource('absolute', { path: '/etc/passwd' }),
    refused: { file: 'sources/safety/absolute.yaml', line: 'path:', message: /"\/etc\/passwd" is an absolute path/ },
  }],
  ['a symbolic link inside the catalog to /etc/passwd', {
    files: { ...passwdSource('linked', { path: 'samples/linked.csv' }), 'sources/safety/samples/linked.csv': { symlink: '/etc/passwd' } },
    refused: { file: 'sources/safety/linked.yaml', line: 'path:', message: /"samples\/linked\.csv" is a symbolic link to \/etc\/passwd, outside the catalog folder/ },
  }],
  ['a folder of the catalog that is a link to /etc', {
    files: { ...passwdSource('linked-folder', { path: 'system/passwd' }), 'sources/safety/system': { symlink: '/etc' } },
    refused: { file: 'sources/safety/linked-folder.yaml', line: 'path:', message: /"system\/passwd" is a symbolic link to \/etc\/passwd/ },
  }],
  ['/proc/self/environ, where the canary secrets are', {
    files: passwdSource('environ', { path: '/proc/self/environ', csv: { delimiter: '\0' } }),
    refused: { file: 'sources/safety/environ.yaml', line: 'path:', message: /"\/proc\/self\/environ" reads from \/proc/ },
  }],
  ['a link into /proc', {
    files: { ...passwdSource('proc-link', { path: 'samples/env.csv' }), 'sources/safety/samples/env.csv': { symlink: '/proc/self/environ' } },
    refused: { file: 'sources/safety/proc-link.yaml', line: 'path:', message: /is a symbolic link into \/proc/ },
  }],
  ['a device that never ends (/dev/zero) through a link', {
    files: { ...passwdSource('zero', { path: 'samples/zero.csv' }), 'sources/safety/samples/zero.csv': { symlink: '/dev/zero' } },
    refused: { file: 'sources/safety/zero.yaml', line: 'path:', message: /is a symbolic link into \/dev/ },
  }],
  ['a named pipe (FIFO) that would block the reader', {
    files: { ...passwdSource('fifo', { path: 'samples/fifo.csv' }), 'sources/safety/samples/fifo.csv': { fifo: true } },
    refused: { file: 'sources/safety/fifo.yaml', line: 'path:', message: /"samples\/fifo\.csv" is a named pipe \(FIFO\), not a regular file/ },
  }],
  ['an http source whose sample climbs out (run --offline reads samples)', {
    files: {
      'sources/safety/http-sample.yaml': datasetYaml({ id: 'http-sample', extract: { kind: 'http', url: 'https://data.example.org/x.csv', format: 'csv', csv: { delimiter: ':' }, sample: '../../../../../../../../etc/passwd' }, columns: PASSWD_COLUMNS }),
      'schemas/http-sample.schema.json': PASSWD_SCHEMA,
    },
    refused: { file: 'sources/safety/http-sample.yaml', line: 'sample:', message: /sample file ".*etc\/passwd" leads outside the catalog folder/ },
  }],
  ['a Seoul Open API source whose sample is a link to /etc/passwd', {
    files: {
      'sources/safety/api-sample.yaml': datasetYaml({ id: 'api-sample', extract: { kind: 'seoul-openapi', service: 'PasswdInfo', format: 'csv', csv: { delimiter: ':' }, sample: 'samples/api.csv' }, columns: PASSWD_COLUMNS }),
      'sources/safety/samples/api.csv': { symlink: '/etc/passwd' },
      'schemas/api-sample.schema.json': PASSWD_SCHEMA,
    },
    refused: { file: 'sources/safety/api-sample.yaml', line: 'sample:', message: /sample file "samples\/api\.csv" is a symbolic link to \/etc\/passwd/ },
  }],
  ['a row schema that is a link outside the catalog', {
    files: {
      'sources/safety/linked-schema.yaml': datasetYaml({ id: 'linked-schema', extract: { kind: 'file', path: 'samples/cctv-by-gu.csv', format: 'csv' }, columns: { gu: { from: ['기관명'], type: 'string' } } }),
      'schemas/linked-schema.schema.json': { symlink: '/etc/passwd' },
    },
    refused: { file: 'sources/safety/linked-schema.yaml', line: 'schema:', message: /schema file "schemas\/linked-schema\.schema\.json" is a symbolic link to \/etc\/passwd, outside the catalog folder/ },
  }],
  ['a row schema path climbing out', {
    files: {
      'sources/safety/climb-schema.yaml': datasetYaml({ id: 'climb-schema', extract: { kind: 'file', path: 'samples/cctv-by-gu.csv', format: 'csv' }, columns: { gu: { from: ['기관명'], type: 'string' } }, schema: '../../../../../../../etc/passwd' }),
    },
    refused: { file: 'sources/safety/climb-schema.yaml', line: 'schema:', message: /schema file ".*etc\/passwd" leads outside the catalog folder/ },
  }],
  ['a chart descriptor that is a link outside the catalog', {
    files: { 'viz-specs/environment/linked-chart.yaml': { symlink: '/etc/passwd' } },
    refused: { file: 'viz-specs/environment/linked-chart.yaml', line: 1, col: 1, message: /chart descriptor is a symbolic link to \/etc\/passwd, outside the catalog folder/ },
    withheld: [],
  }],
  ['a dataset descriptor that is a link outside the catalog', {
    files: { 'sources/safety/linked-descriptor.yaml': { symlink: '/etc/passwd' } },
    refused: { file: 'sources/safety/linked-descriptor.yaml', line: 1, col: 1, message: /dataset descriptor is a symbolic link to \/etc\/passwd/ },
    withheld: [],
  }],
];

// All cases in one catalog copy: check, run and build run once, each case is judged on its own.
const judge = refusedTogether(cases);

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});
