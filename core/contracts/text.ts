import { z } from 'zod';

/**
 * The one text primitive of the storefront and admin contracts. Every free-text field goes through it
 * before anything is stored or sent to Mahak:
 *   - normalised: NFC, Arabic yeh/kaf (ي ك ى) to the Persian letters (ی ک), trimmed;
 *   - refused (code `text_invalid`, with a fa/en message): NUL and every other C0/C1 control character
 *     (so terminal escape sequences, which start with ESC or CSI, cannot get in) except tab and, where
 *     allowed, line breaks; lone UTF-16 surrogates; and text made only of invisible characters
 *     (zero-width, bidi controls) that would look empty on a screen or an invoice.
 * Contracts import nothing but zod, so the letter mapping lives here rather than in domain/persian.ts.
 */

const arabicToPersian: Record<string, string> = { ي: 'ی', ى: 'ی', ك: 'ک' };

/** C0 and C1 controls and DEL, except tab (and CR/LF when multi-line). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlSingleLine = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlMultiLine = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Zero-width and bidi formatting characters (ZWNJ included: fine inside a word, not alone). */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u061C\s]/gu;

/** Normalised text as stored: NFC, Persian letters, trimmed. Assumes the text passed `textProblem`. */
export function normaliseText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[يىك]/g, (c) => arabicToPersian[c])
    .trim();
}

/** Why the text cannot be valid text, or undefined when it is fine. */
export function textProblem(value: string, multiLine = false): string | undefined {
  if (loneSurrogate.test(value)) return 'contains a broken (lone surrogate) character';
  if ((multiLine ? controlMultiLine : controlSingleLine).test(value))
    return 'contains a control character (NUL, escape sequence or similar)';
  if (value.length > 0 && value.replace(invisible, '').length === 0)
    return 'is made only of invisible characters';
  return undefined;
}

export interface TextOptions {
  min?: number;
  max: number;
  /** Addresses and notes may have line breaks; names may not. */
  multiLine?: boolean;
}

/** A required text field: refused when invalid, then normalised, then its length checked. */
export function textField({ min = 1, max, multiLine = false }: TextOptions) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiLine);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `text ${problem} / متن نامعتبر است: نویسهٔ کنترلی، نامرئی یا ناقص دارد`,
          params: { reason: 'text_invalid' },
        });
    })
    .transform(normaliseText)
    .pipe(z.string().min(min).max(max));
}
