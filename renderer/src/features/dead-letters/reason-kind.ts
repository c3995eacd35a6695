/**
 * What kind of failure a dead letter's `reason` records. The reason is the system's or Mahak's own
 * text, in English or Persian as it came (core/domain/failure-classification.ts writes «transient
 * failure after 5 attempts: …», «payload rejected as invalid», a picture download «HTTP 404»); the desk
 * shows the clerk a Persian sentence for the kind and keeps the text itself for the details drawer.
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
