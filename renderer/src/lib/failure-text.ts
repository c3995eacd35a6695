/**
 * A failure the server stored as text (a dead letter's reason and attempts, an outbox item's last
 * error), turned into what the desk may show a clerk. The text is the system's or Mahak's own, in
 * English or Persian as it came: core/domain/failure-classification.ts frames it as «unknown failure
 * after 1 attempts: …», «payload rejected as invalid», a picture download «HTTP 404»; what follows the
 * frame is Mahak's message (Persian) or a network/system error (English). Persian text on the desk
 * must not carry English sentences, so English text is kept apart for support.
 */
export type ReasonKind =
  'unreachable' | 'timeout' | 'server' | 'refused' | 'invalid' | 'notFound' | 'unclear' | 'other';

/** Most specific first: «transient failure after 5 attempts: Mahak did not answer in time» is a timeout. */
const rules: [RegExp, ReasonKind][] = [
  [/timed? ?out|did not answer in time|ETIMEDOUT/i, 'timeout'],
  [/ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|network|unreachable|circuit/i, 'unreachable'],
  [/\b5\d\d\b|server error|MAHAK_UNAVAILABLE/i, 'server'],
  [/\b404\b|not found|without a Url|empty picture/i, 'notFound'],
  [/invalid|VALIDATION|rejected as|schema|expected/i, 'invalid'],
  [/MAHAK_REJECTED|Result:?\s*false|refused|نپذیرفت|خطا/i, 'refused'],
  [/^(unknown|unclear) failure/i, 'unclear'],
  [/^transient failure/i, 'unreachable'],
];

export function reasonKindOf(reason: string): ReasonKind {
  for (const [pattern, kind] of rules) if (pattern.test(reason)) return kind;
  return 'other';
}

/** The system's English frame (failure-classification.ts); what Mahak said follows its colon. */
const systemFrame =
  /^\s*(?:(?:unknown|unclear|transient|poison) failure after \d+ attempts?|payload rejected as invalid)\s*(?::\s*|$)/i;

export interface FailureParts {
  kind: ReasonKind;
  /** What Mahak said, fit to show in the desk's language as it is; null when there is nothing such. */
  said: string | null;
  /** The stored text for support when it cannot be shown inline (English inside a Persian desk). */
  technical: string | null;
}

/**
 * Splits a stored failure for the desk. Mahak reports one message per failed record, joined by «; »
 * (often the same one twice): the repeats go. In Persian, Mahak's Persian words are shown; anything
 * with Latin letters (a system error, a stack line, a field name) is only offered as technical detail.
 */
export function failureParts(raw: string, language: string): FailureParts {
  const kind = reasonKindOf(raw);
  const parts = [
    ...new Set(
      raw
        .replace(systemFrame, '')
        .split(/\s*[;؛]\s*/)
        .map((p) => p.trim()),
    ),
  ];
  const rest = parts.filter(Boolean);
  if (language === 'en') return { kind, said: rest.length > 0 ? rest.join('; ') : null, technical: null };
  const persianOnly = rest.length > 0 && rest.every((p) => /[\u0600-\u06ff]/.test(p) && readsInPersian(p));
  if (persianOnly) return { kind, said: rest.join('؛ '), technical: null };
  return { kind, said: null, technical: raw.trim() === '' ? null : raw.trim() };
}

/** Text that may stand inside a Persian sentence: no Latin letters (digits and signs are fine). */
export const readsInPersian = (text: string): boolean => !/[A-Za-z]/.test(text);
