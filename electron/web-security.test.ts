import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeLog } from './test-fakes.js';
import { deskContentSecurityPolicy, guardContents, guardSession, type GuardDeps } from './web-security.js';

const origin = 'http://127.0.0.1:47380';

class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.openHandler = h;
  }
  /** Emits like Electron does and tells whether a listener called preventDefault(). */
  attempt(event: string, url?: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function setup(trusted: string | null = origin) {
  const contents = new FakeContents();
  const opened: string[] = [];
  const deps: GuardDeps = {
    trustedOrigin: () => trusted,
    openExternal: (u) => opened.push(u),
    log: new FakeLog(),
  };
  guardContents(contents, deps);
  return { contents, opened };
}

describe('guardContents', () => {
  it('keeps navigation inside the trusted origin', () => {
    const { contents, opened } = setup();
    expect(contents.attempt('will-navigate', `${origin}/disputes`)).toBe(false);
    expect(contents.attempt('will-redirect', `${origin}/login`)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('opens a clicked http(s) link outside in the browser, and refuses the rest', () => {
    const { contents, opened } = setup();
    expect(contents.attempt('will-navigate', 'https://mahaksoft.com/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      `${origin}@evil.example/`,
    ])
      expect(contents.attempt('will-navigate', url), url).toBe(true);
    expect(opened).toEqual(['https://mahaksoft.com/']);
  });

  it('never follows a redirect away, not even to the browser', () => {
    const { contents, opened } = setup();
    expect(contents.attempt('will-redirect', 'https://evil.example/?next=' + origin)).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window; only http(s) elsewhere goes to the browser', () => {
    const { contents, opened } = setup();
    for (const url of [`${origin}/print`, 'https://shop.example/p/1', 'file:///C:/x.exe', 'javascript:1'])
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://shop.example/p/1']);
  });

  it('refuses <webview>', () => {
    expect(setup().contents.attempt('will-attach-webview')).toBe(true);
  });

  it('allows no navigation at all while the engine is not running', () => {
    const { contents } = setup(null);
    expect(contents.attempt('will-navigate', `${origin}/`)).toBe(true);
  });
});

describe('guardSession', () => {
  type RequestHandler = (c: unknown, p: string, cb: (g: boolean) => void) => void;
  type CheckHandler = (c: unknown, p: string) => boolean;
  type HeadersHandler = (
    d: { url: string; responseHeaders?: Record<string, string[]> },
    cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;

  function fakeSession() {
    const seen: { request?: RequestHandler; check?: CheckHandler; headers?: HeadersHandler } = {};
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => void (seen.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => void (seen.check = h),
      webRequest: { onHeadersReceived: (h: HeadersHandler) => void (seen.headers = h) },
    };
    guardSession(session, { trustedOrigin: () => origin, openExternal: () => {}, log: new FakeLog() });
    return seen;
  }

  it('denies every permission request and check', () => {
    const s = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      s.request?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(s.check?.({}, permission)).toBe(false);
    }
  });

  it("adds the desk's strict CSP beside the server's own", () => {
    const s = fakeSession();
    let out: Record<string, string[]> | undefined;
    s.headers?.(
      { url: `${origin}/`, responseHeaders: { 'content-security-policy': ["default-src 'self'"] } },
      (r) => (out = r.responseHeaders),
    );
    expect(out?.['content-security-policy']).toEqual(["default-src 'self'"]);
    expect(out?.['Content-Security-Policy']).toEqual([deskContentSecurityPolicy]);
    expect(deskContentSecurityPolicy).toContain("script-src 'self'");
    expect(deskContentSecurityPolicy).toContain("object-src 'none'");
    expect(deskContentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
  });
});
