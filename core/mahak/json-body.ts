/**
 * JSON.parse of a response body held as bytes, without ever making the whole body one string.
 *
 * Why: a GetAllData page of 1,000 records is about 1 MB of UTF-8 with Persian text. Decoded whole it
 * becomes one two-byte string of about 2 MB, which V8 places in its large-object space (anything past
 * 128 KB): a fresh mapping per string, faulted in page by page and freed again. That cost 8-9 ms of CPU
 * per MB, a tenth of the engine's time in a first pull (docs/benchmarks.md), where JSON.parse itself
 * needs 1 ms. Here only the small envelope is walked byte by byte; each element of an array that is an
 * object or an array (each record) is decoded and parsed on its own, as small strings.
 *
 * Same result as JSON.parse(buffer.toString('utf8')) for every input: the same value (a key seen twice
 * keeps its last value, `__proto__` stays an own key), invalid UTF-8 decoded to U+FFFD as toString does,
 * and a SyntaxError for anything JSON.parse refuses (json-body.test.ts compares them on random input).
 */

import { rememberSource } from '../domain/record-source.js';

/** Below this a body is decoded whole: its string stays out of the large-object space. */
const smallBody = 64 * 1024;

export function parseJsonBuffer(body: Buffer, wholeBelow = smallBody): unknown {
  if (body.length < wholeBelow) return JSON.parse(body.toString('utf8'));
  const reader = new Reader(body);
  const value = reader.value();
  reader.end();
  return value;
}

const maxEnvelopeDepth = 8;
const quote = 0x22;
const backslash = 0x5c;

class Reader {
  private i = 0;
  private depth = 0;

  constructor(private readonly buf: Buffer) {}

  value(): unknown {
    this.space();
    const c = this.buf[this.i];
    // An envelope is a few objects deep; past that an object is parsed whole, like a record.
    if (c === 0x7b && this.depth < maxEnvelopeDepth) return this.object();
    if (c === 0x7b || c === 0x5b) return this.container();
    return this.scalar();
  }

  end(): void {
    this.space();
    if (this.i !== this.buf.length) throw new SyntaxError(`Unexpected data at position ${this.i} in JSON`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.depth++;
    this.i++;
    if (this.next() === 0x7d) return (this.i++, this.depth--, out);
    for (;;) {
      this.space();
      if (this.buf[this.i] !== quote) throw this.unexpected();
      const key = this.slice(this.i, this.stringEnd(this.i)) as string;
      if (this.next() !== 0x3a) throw this.unexpected();
      this.i++;
      const v = this.value();
      // A plain assignment of `__proto__` would set the prototype; JSON.parse makes it an own key.
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      const c = this.next();
      this.i++;
      if (c === 0x2c) continue;
      if (c === 0x7d) return (this.depth--, out);
      throw this.unexpected(this.i - 1);
    }
  }

  /**
   * An array (the records of a collection) or a nested object: found by its matching bracket, then
   * parsed whole; an array's elements each on their own.
   */
  private container(): unknown {
    if (this.buf[this.i] === 0x7b) return this.slice(this.i, this.containerEnd(this.i));
    const out: unknown[] = [];
    this.i++;
    if (this.next() === 0x5d) return (this.i++, out);
    for (;;) {
      const c = this.next();
      out.push(
        c === 0x7b
          ? this.record(this.i, this.containerEnd(this.i))
          : c === 0x5b
            ? this.slice(this.i, this.containerEnd(this.i))
            : this.scalar(),
      );
      const d = this.next();
      this.i++;
      if (d === 0x2c) continue;
      if (d === 0x5d) return out;
      throw this.unexpected(this.i - 1);
    }
  }

  /** A string, number, true, false or null: up to the next structural character or space. */
  private scalar(): unknown {
    const start = this.i;
    const end = this.buf[start] === quote ? this.stringEnd(start) : this.tokenEnd(start);
    return this.slice(start, end);
  }

  /** An object element of an array (a record): parsed, and its text kept for its `raw` column. */
  private record(start: number, end: number): unknown {
    this.i = end;
    const text = this.buf.toString('utf8', start, end);
    const value = JSON.parse(text) as object;
    rememberSource(value, text);
    return value;
  }

  private slice(start: number, end: number): unknown {
    this.i = end;
    return JSON.parse(this.buf.toString('utf8', start, end)) as unknown;
  }

  /** Just past the closing quote of the string opening at `start` (a quote after an odd run of \ is escaped). */
  private stringEnd(start: number): number {
    let from = start + 1;
    for (;;) {
      const q = this.buf.indexOf(quote, from);
      if (q < 0) throw new SyntaxError('Unterminated string in JSON');
      let escapes = 0;
      while (this.buf[q - 1 - escapes] === backslash) escapes++;
      if (escapes % 2 === 0) return q + 1;
      from = q + 1;
    }
  }

  /** Just past the bracket closing the object or array opening at `start`. */
  private containerEnd(start: number): number {
    const buf = this.buf;
    let depth = 0;
    for (let i = start; i < buf.length; i++) {
      const c = buf[i];
      if (c === quote) i = this.stringEnd(i) - 1;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    }
    throw new SyntaxError('Unterminated object or array in JSON');
  }

  private tokenEnd(start: number): number {
    let i = start;
    while (i < this.buf.length && !isDelimiter(this.buf[i])) i++;
    return i;
  }

  /** The next character that is not white space (the position stays on it). */
  private next(): number | undefined {
    this.space();
    return this.buf[this.i];
  }

  private space(): void {
    while (isSpace(this.buf[this.i])) this.i++;
  }

  private unexpected(at = this.i): SyntaxError {
    return new SyntaxError(`Unexpected token at position ${at} in JSON`);
  }
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const isDelimiter = (c: number) => isSpace(c) || c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a;
