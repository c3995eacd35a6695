import type { DesktopLog } from './desktop-log.js';
import { classifyNavigation, isExternalLink } from './url-policy.js';

/**
 * Electron's security checklist for every web contents the app creates (the desk window and the
 * start-up error screen): navigation locked to the trusted origin, new windows refused (http(s) links
 * open in the system browser), no <webview>, every permission denied, and a strict CSP of our own on
 * top of the one the engine's server sends (browsers enforce both).
 */

/** The parts of Electron's WebContents used here (the real one satisfies it; tests pass a fake). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface GuardDeps {
  /** The engine's origin; null while it is not running (then nothing may load in the window). */
  trustedOrigin(): string | null;
  openExternal(url: string): void;
  log: DesktopLog;
}

/**
 * The desk's CSP, mirrored from the server's (core/api/routes/desk-routes.ts) and tightened: no
 * plugins, no <base> rewriting, no frames, forms only to the origin. style-src keeps 'unsafe-inline'
 * because Emotion (MUI) injects <style> elements at run time.
 */
export const deskContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function guardContents(contents: GuardedContents, deps: GuardDeps): void {
  const keepInWindow = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    const verdict = classifyNavigation(url, deps.trustedOrigin());
    if (verdict === 'allow') return;
    event.preventDefault();
    // A link the clerk clicked may open outside; a server redirect never opens anything.
    if (verdict === 'external' && kind === 'navigate') deps.openExternal(url);
    else deps.log.warn(`refused ${kind} to ${describe(url)}`);
  };
  contents.on('will-navigate', keepInWindow('navigate'));
  contents.on('will-redirect', keepInWindow('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log.warn('refused a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url, deps.trustedOrigin() ?? '')) deps.openExternal(url);
    else deps.log.warn(`refused a new window for ${describe(url)}`);
    return { action: 'deny' };
  });
}

export function guardSession(session: GuardedSession, deps: GuardDeps): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    deps.log.warn(`denied the permission request "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    responseHeaders['Content-Security-Policy'] = [
      ...(responseHeaders['Content-Security-Policy'] ?? []),
      deskContentSecurityPolicy,
    ];
    callback({ responseHeaders });
  });
}

/** Enough of a URL for a log line, without query strings that may carry tokens. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}${u.pathname}` : u.protocol;
  } catch {
    return 'an invalid URL';
  }
}
