import * as fs from 'fs';
import * as path from 'path';
import { goUrlProblem } from '../../lib/k8s/go-url';

// Recorded with Go's url.Parse (scripts: random edits of sink URLs): '' = accepted, else Go's error.
const { recorded, vectors } = JSON.parse(fs.readFileSync(path.join(__dirname, 'go-url-vectors.json'), 'utf8')) as { recorded: string; vectors: Record<string, string> };

describe(`goUrlProblem agrees with ${recorded}`, () => {
  it('accepts and rejects what Go does, on every recorded URL', () => {
    const disagree = Object.entries(vectors).filter(([url, go]) => (goUrlProblem(url) === undefined) !== (go === ''));
    expect(disagree).toEqual([]);
    expect(Object.keys(vectors).length).toBeGreaterThan(250);
    expect(Object.values(vectors).filter((e) => e !== '').length).toBeGreaterThan(50);
  });
  it('words the errors as Go does', () => {
    expect(goUrlProblem('http://agent.agents.svc.cluster.local ')).toBe('invalid character " " in host name');
    expect(goUrlProblem('http://h:8a/x')).toBe('invalid port ":8a" after host');
    expect(goUrlProblem('http://x/%zz')).toBe('invalid URL escape "%zz"');
    expect(goUrlProblem('http://a%20b')).toBe('invalid URL escape "%20"');
    expect(goUrlProblem(':x')).toBe('missing protocol scheme');
    expect(goUrlProblem('http://x/p\n')).toBe('net/url: invalid control character in URL');
    expect(goUrlProblem('http://[::1]:80/x')).toBeUndefined();
    expect(goUrlProblem('http://x/a%20b?q=%zz')).toBeUndefined(); // the query is not unescaped by Parse
  });
});

// Recorded with Go's url.ParseRequestURI (random edits of URLs, hosts and other values): '' = accepted, else Go's error (cut).
const requestUri = JSON.parse(fs.readFileSync(path.join(__dirname, 'go-request-uri-vectors.json'), 'utf8')) as { recorded: string; vectors: Record<string, string> };

describe(`goUrlProblem(viaRequest) agrees with ${requestUri.recorded}`, () => {
  it('accepts and rejects what Go does, on every recorded string', () => {
    const disagree = Object.entries(requestUri.vectors).filter(([url, go]) => (goUrlProblem(url, true) === undefined) !== (go === ''));
    expect(disagree).toEqual([]);
    expect(Object.values(requestUri.vectors).filter((e) => e === '').length).toBeGreaterThan(100);
  });
  it('wants an absolute URL or path, and keeps the fragment', () => {
    expect(goUrlProblem('ibmmq.data/ibmmq/rest', true)).toBe('invalid URI for request');
    expect(goUrlProblem('', true)).toBe('empty url');
    expect(goUrlProblem('/p#x', true)).toBeUndefined();
    expect(goUrlProblem('/p#%zz', true)).toBe('invalid URL escape "%zz"'); // the fragment is part of the path
    expect(goUrlProblem('//host/p', true)).toBeUndefined();
    expect(goUrlProblem('https://splunk.data:8089', true)).toBeUndefined();
  });
});
