import { describe, expect, it } from 'vitest';
import {
  classifyNavigation,
  isExternalLink,
  isSameFilePage,
  isTrustedUrl,
  loopbackOrigin,
} from './url-policy.js';

const trusted = 'http://127.0.0.1:47380';

describe('isTrustedUrl', () => {
  it('allows the exact origin with any path, query or hash', () => {
    for (const url of [
      'http://127.0.0.1:47380/',
      'http://127.0.0.1:47380',
      'http://127.0.0.1:47380/disputes?state=open#top',
      // Scheme and host are case-insensitive: the parser folds these into the very same origin.
      'HTTP://127.0.0.1:47380/x',
    ]) {
      expect(isTrustedUrl(url, trusted), url).toBe(true);
    }
  });

  // Each of these has fooled a prefix, substring or regex check somewhere.
  it.each([
    ['another site carrying the origin in its query', 'https://evil.example/?next=http://127.0.0.1:47380/'],
    ['the origin as userinfo of another host', 'http://127.0.0.1:47380@evil.example/'],
    ['userinfo on the trusted host', 'http://admin:pw@127.0.0.1:47380/'],
    ['the origin as a subdomain prefix', 'http://127.0.0.1.evil.example:47380/'],
    ['the port as a hostname prefix', 'http://127.0.0.1:47380.evil.example/'],
    ['another port', 'http://127.0.0.1:47381/'],
    ['the default port', 'http://127.0.0.1/'],
    ['https on the same host and port', 'https://127.0.0.1:47380/'],
    ['localhost (may resolve elsewhere, other origin anyway)', 'http://localhost:47380/'],
    ['IPv6 loopback', 'http://[::1]:47380/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:47380/'],
    ['upper-case other host', 'HTTP://EVIL.EXAMPLE/?x=http://127.0.0.1:47380'],
    ['javascript:', 'javascript:alert(1)//http://127.0.0.1:47380/'],
    ['JavaScript: in mixed case', 'JaVaScRiPt:alert(document.domain)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob: of the origin', 'blob:http://127.0.0.1:47380/1c1d1e1f'],
    ['about:blank', 'about:blank'],
    ['view-source:', 'view-source:http://127.0.0.1:47380/'],
    ['an app:// look-alike', 'app://127.0.0.1:47380/'],
    ['a protocol-relative path', '//127.0.0.1:47380/'],
    ['not a URL at all', 'http//127.0.0.1:47380'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(isTrustedUrl(url, trusted)).toBe(false);
    expect(classifyNavigation(url, trusted)).not.toBe('allow');
  });
});

describe('classifyNavigation and isExternalLink', () => {
  it('sends http(s) elsewhere to the browser, refuses every other scheme', () => {
    expect(classifyNavigation('http://127.0.0.1:47380/orders', trusted)).toBe('allow');
    expect(classifyNavigation('https://mahaksoft.com/help', trusted)).toBe('external');
    expect(classifyNavigation('http://shop.example/product/12', trusted)).toBe('external');
    for (const url of [
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'data:text/html,hi',
      'mailto:a@b.c',
      'smb://server/share',
      'ms-settings:privacy',
      'http://user:pw@mahaksoft.com/',
      'not a url',
    ]) {
      expect(classifyNavigation(url, trusted), url).toBe('deny');
      expect(isExternalLink(url, trusted), url).toBe(false);
    }
  });

  it('allows nothing in the window before the engine reported its origin', () => {
    expect(classifyNavigation('http://127.0.0.1:47380/', null)).toBe('external');
    expect(classifyNavigation('file:///app/electron/startup-error.html', null)).toBe('deny');
  });
});

describe('loopbackOrigin', () => {
  it('accepts the URL fastify reports and returns its origin', () => {
    expect(loopbackOrigin('http://127.0.0.1:47380')).toBe(trusted);
    expect(loopbackOrigin('http://127.0.0.1:51234/')).toBe('http://127.0.0.1:51234');
  });

  it.each([
    'http://0.0.0.0:47380',
    'http://localhost:47380',
    'http://192.168.1.5:47380',
    'https://127.0.0.1:47380',
    'http://127.0.0.1',
    'http://x@127.0.0.1:47380',
    'file:///tmp/x',
    'garbage',
  ])('refuses %s', (url) => {
    expect(() => loopbackOrigin(url)).toThrow(/loopback/);
  });
});

describe('isSameFilePage', () => {
  const page = 'file:///opt/Hamgam/resources/app.asar/electron/startup-error.html';
  it('matches the page whatever its query and hash', () => {
    expect(isSameFilePage(`${page}?code=ENGINE_TIMEOUT#x`, page)).toBe(true);
  });
  it('refuses other files, other schemes and look-alikes', () => {
    expect(isSameFilePage('file:///opt/Hamgam/resources/app.asar/electron/other.html', page)).toBe(false);
    expect(
      isSameFilePage('file://evil-host/opt/Hamgam/resources/app.asar/electron/startup-error.html', page),
    ).toBe(false);
    expect(isSameFilePage(`http://127.0.0.1:47380/?${page}`, page)).toBe(false);
    expect(isSameFilePage('data:text/html,x', page)).toBe(false);
  });
});
