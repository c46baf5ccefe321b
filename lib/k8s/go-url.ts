// Go's net/url.Parse, for the errors it returns: a Knative `apis.URL` field
// (a destination's `uri`) is decoded with it, and a URL it refuses fails the
// decoding of the whole object in the webhook. Ported from Go 1.25
// src/net/url/url.go (Parse, parse, parseAuthority, parseHost, unescape,
// shouldEscape, validOptionalPort).

import { isIPv6 } from 'net';

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Whether url.go's shouldEscape(c, encodeHost) holds for an ASCII character. */
function escapedInHost(c: string): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  return !'-_.~!$&\'()*+,;=:[]<>"'.includes(c);
}

/** unescape(s, mode): `%` must start a two-digit hex escape; a host may hold no character Go would escape. */
function unescapeProblem(s: string, host: boolean): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (!HEX.test(s.slice(i + 1, i + 3))) return `invalid URL escape "${s.slice(i, i + 3)}"`;
      // A host may escape only non-ASCII bytes (and `%25`, a zone's `%`).
      if (host && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25') return `invalid URL escape "${s.slice(i, i + 3)}"`;
      i += 2;
    } else if (host && c.charCodeAt(0) < 0x80 && escapedInHost(c)) {
      return `invalid character "${c}" in host name`;
    }
  }
  return undefined;
}

/**
 * The error Go's `url.Parse(raw)` returns, in Go's words (without the
 * `parse "…": ` prefix), or undefined when it parses. `viaRequest`: as
 * `url.ParseRequestURI(raw)` instead (no fragment; an absolute URL or an
 * absolute path, else "invalid URI for request").
 */
export function goUrlProblem(raw: string, viaRequest = false): string | undefined {
  // Parse: the fragment is cut first and unescaped on its own (ParseRequestURI keeps it in the path).
  const hash = viaRequest ? -1 : raw.indexOf('#');
  const rest = hash >= 0 ? raw.slice(0, hash) : raw;
  if (/[\x00-\x1f\x7f]/.test(rest)) return 'net/url: invalid control character in URL';
  if (viaRequest && rest === '') return 'empty url';
  if (rest === '*') return undefined;
  // getScheme
  let scheme = '';
  let after = rest;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = rest.slice(0, i);
      after = rest.slice(i + 1);
    }
    break;
  }
  const query = after.indexOf('?');
  if (query >= 0) after = after.slice(0, query);
  if (!after.startsWith('/')) {
    if (scheme !== '') return hash >= 0 ? unescapeProblem(raw.slice(hash + 1), false) : undefined; // opaque: not unescaped
    if (viaRequest) return 'invalid URI for request';
    const colon = after.indexOf(':');
    const slash = after.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) return 'first path segment in URL cannot contain colon';
  }
  let path = after;
  if ((scheme !== '' || (!viaRequest && !after.startsWith('///'))) && after.startsWith('//')) {
    const end = after.indexOf('/', 2);
    const authority = end >= 0 ? after.slice(2, end) : after.slice(2);
    path = end >= 0 ? after.slice(end) : '';
    const at = authority.lastIndexOf('@');
    const host = at >= 0 ? authority.slice(at + 1) : authority;
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (/[^A-Za-z0-9\-._:~!$&'()*+,;=%@]/.test(userinfo)) return 'net/url: invalid userinfo';
      const p = unescapeProblem(userinfo, false);
      if (p) return p;
    }
    const p = hostProblem(host);
    if (p) return p;
  }
  const p = unescapeProblem(path, false);
  if (p) return p;
  return hash >= 0 ? unescapeProblem(raw.slice(hash + 1), false) : undefined;
}

/** parseHost: a bracketed IPv6 literal, or a name with an optional `:port` of digits. */
function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return 'missing \']\' in host';
    const port = host.slice(close + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return `invalid port "${port}" after host`;
    const literal = host.slice(1, close);
    const zone = literal.indexOf('%25');
    if (!isIPv6(zone >= 0 ? literal.slice(0, zone) : literal)) return `invalid host: ParseAddr("${literal}")`;
    return unescapeProblem(host.slice(0, close + 1), true);
  }
  if (host.includes('[')) return 'invalid IP-literal';
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    const port = host.slice(colon);
    if (!/^:[0-9]*$/.test(port)) return `invalid port "${port}" after host`;
  }
  return unescapeProblem(host, true);
}

/** Go's url.Parse view of a URI that parses: its scheme (undefined when relative) and host (userinfo and port stripped). */
export function goUrlParts(uri: string): { scheme?: string; host: string } {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(uri);
  if (!m) return { host: '' };
  const auth = /^\/\/([^/?#]*)/.exec(m[2]);
  const host = auth ? auth[1].replace(/^.*@/, '').replace(/:\d*$/, '') : '';
  return { scheme: m[1], host };
}
