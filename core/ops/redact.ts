/** Config keys whose values are secrets (and any key that sounds like one). */
const secretKey = /password|secret|token|settingsKey|apiKey|privateKey|credential/i;

/** `scheme://user:password@host` -> `scheme://user:***@host`; `scheme://key@host` (a bare key) -> `scheme://***@host`. */
export function redactUrlCredentials(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^:/@\s]+):([^@/\s]*)@/gi, '$1$2:***@')
    .replace(/\b((?:https?|amqps?):\/\/)([^:/@\s]+)@/gi, '$1***@');
}

/** A config-like object with every secret replaced; URLs keep everything but their credentials. */
export function redactConfig(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (secretKey.test(key)) return '***';
  if (Array.isArray(value)) return value.map((v) => redactConfig(v));
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)]));
  return typeof value === 'string' ? redactUrlCredentials(value) : value;
}

/**
 * Log text with whatever a line might carry despite the rule that secrets never reach a log line:
 * URL credentials, bearer tokens, JWTs, and "password"/"secret"/"token" fields in JSON or key=value form.
 */
export function redactLogText(text: string): string {
  return redactUrlCredentials(text)
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***')
    .replace(
      /("[^"]*(?:password|secret|token|authorization|cookie)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
      '$1"***"',
    )
    .replace(/\b((?:[a-z_]*)(?:password|secret|token)[a-z_]*\s*=\s*)\S+/gi, '$1***');
}
