// The CLI's argument helpers and its server.json: negative numbers reach the range check, an
// address without a scheme is taken as meant, and a server.json that cannot be trusted is ignored.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, joinNegativeValues, urlWithScheme, wholeNumber } from '../../app/cli-args.ts';
import { connectableUrl } from '../../app/cli-api.ts';
import { readServerFile, removeServerFile, serverFilePath, writeServerFile } from '../../app/server-file.ts';

describe('joinNegativeValues', () => {
  const strings = new Set(['limit', 'stores']);
  it.each([
    [['--limit', '-5'], ['--limit=-5']],
    [['--limit', '-5', '--all'], ['--limit=-5', '--all']],
    [['--stores', '-1.5'], ['--stores=-1.5']],
    // Not a string option, not a number, or already joined: left alone.
    [['--all', '-5'], ['--all', '-5']],
    [['--limit', '--all'], ['--limit', '--all']],
    [['--limit=-5'], ['--limit=-5']],
    [['--limit', '-x'], ['--limit', '-x']],
  ])('%j → %j', (args, out) => expect(joinNegativeValues(args, strings)).toEqual(out));
});

describe('wholeNumber', () => {
  it('accepts the range and names the flag and the value otherwise', () => {
    expect(wholeNumber('--limit', '7', 1, 1000)).toBe(7);
    expect(() => wholeNumber('--limit', '-5', 1, 1000)).toThrow(new UsageError('--limit must be ≥ 1, got -5'));
    expect(() => wholeNumber('--limit', '1001', 1, 1000, ' (page)')).toThrow('--limit must be at most 1000 (page), got 1001');
    expect(() => wholeNumber('--limit', '2.5', 1, 1000)).toThrow('--limit must be a whole number, got "2.5"');
    expect(() => wholeNumber('--limit', '', 1, 1000)).toThrow('--limit must be a whole number, got ""');
  });
});

describe('urlWithScheme', () => {
  it.each([
    ['127.0.0.1:28080', 'http', 'http://127.0.0.1:28080'],
    ['localhost:8080/', 'http', 'http://localhost:8080'],
    ['http://10.0.0.5:8080', 'http', 'http://10.0.0.5:8080'],
    ['https://api.example.com', 'http', 'https://api.example.com'],
    ['[::1]:8080', 'http', 'http://[::1]:8080'],
    ['127.0.0.1:1883', 'mqtt', 'mqtt://127.0.0.1:1883'],
  ])('%s (%s) → %s', (raw, scheme, out) => expect(urlWithScheme('--x', raw, scheme, ['http', 'https', 'mqtt'])).toBe(out));

  it.each(['ftp://host:21', 'http://', 'not a url', 'mqtt://h:1'])('refuses %j for --api, with an example', (raw) => {
    expect(() => urlWithScheme('--api', raw, 'http', ['http', 'https'])).toThrow(/--api must be a URL like http:\/\/127\.0\.0\.1:8080/);
  });

  it('gives clients an address they can connect to for a wildcard listen address', () => {
    expect(connectableUrl('http', '0.0.0.0', 8080)).toBe('http://127.0.0.1:8080');
    expect(connectableUrl('http', '::', 8080)).toBe('http://[::1]:8080');
    expect(connectableUrl('mqtt', '10.1.2.3', 1883)).toBe('mqtt://10.1.2.3:1883');
  });
});

describe('server.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-server-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const info = { pid: process.pid, version: 'x', startedAt: new Date(0).toISOString(), dataDir: dir, httpUrl: 'http://127.0.0.1:1', mqttUrl: 'mqtt://127.0.0.1:2', mqttsUrl: null };

  it('is read back while its writer lives, and removed only by its writer', () => {
    writeServerFile(dir, info);
    expect(readServerFile(dir)).toEqual(info);
    removeServerFile(dir, process.pid + 1);
    expect(readServerFile(dir)).toEqual(info);
    removeServerFile(dir);
    expect(readServerFile(dir)).toBeNull();
  });

  it('is ignored when others could have written it, or when it is not ours to trust', () => {
    writeServerFile(dir, info);
    chmodSync(serverFilePath(dir), 0o666);
    expect(readServerFile(dir)).toBeNull();
    writeFileSync(serverFilePath(dir), '{"pid": "no"}', { mode: 0o644 });
    chmodSync(serverFilePath(dir), 0o644);
    expect(readServerFile(dir)).toBeNull();
    writeFileSync(serverFilePath(dir), 'not json');
    expect(readServerFile(dir)).toBeNull();
  });
});
