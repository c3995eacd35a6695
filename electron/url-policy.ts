/**
 * Which URLs the desktop window may show, and which go to the system browser.
 *
 * The trusted origin is the hosted engine's exact `http://127.0.0.1:<port>`: the desk is served by the
 * engine itself, same origin as the admin API it calls (no CORS, same build as the browser face).
 * Every check parses the URL (WHATWG) and compares whole origins; no prefix or substring matching, so
 * `http://127.0.0.1:8080@evil`, `http://127.0.0.1:8080.evil` or `https://evil/?next=http://127.0.0.1:8080`
 * are just other origins.
 */

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/**
 * The origin the engine reported, checked to be plain http on the IPv4 loopback with an explicit port
 * (the engine never listens elsewhere in the desktop app). Throws on anything else.
 */
export function loopbackOrigin(reported: string): string {
  const url = parse(reported);
  if (
    !url ||
    url.protocol !== 'http:' ||
    url.hostname !== '127.0.0.1' ||
    url.port === '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new Error(`not a loopback http origin: ${reported}`);
  }
  return url.origin;
}

/** True only for an http(s) URL of exactly the trusted origin, without userinfo. */
export function isTrustedUrl(raw: string, trustedOrigin: string): boolean {
  const url = parse(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.origin === trustedOrigin;
}

/** Links the desk may hand to the system browser: http(s) elsewhere, no userinfo (phishing-shaped). */
export function isExternalLink(raw: string, trustedOrigin: string): boolean {
  const url = parse(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.origin !== trustedOrigin;
}

export type NavigationVerdict = 'allow' | 'external' | 'deny';

/** In-window navigation: the trusted origin stays, http(s) elsewhere opens outside, the rest is refused. */
export function classifyNavigation(raw: string, trustedOrigin: string | null): NavigationVerdict {
  if (trustedOrigin !== null && isTrustedUrl(raw, trustedOrigin)) return 'allow';
  return isExternalLink(raw, trustedOrigin ?? '') ? 'external' : 'deny';
}

/** A file page (the start-up error screen) is matched by its exact file URL, query and hash aside. */
export function isSameFilePage(raw: string, pageUrl: string): boolean {
  const url = parse(raw);
  const page = parse(pageUrl);
  if (!url || !page || url.protocol !== 'file:' || page.protocol !== 'file:') return false;
  return url.host === page.host && url.pathname === page.pathname;
}
