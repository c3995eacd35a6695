import { errorCodes, type ErrorBody, type ErrorCode } from './contracts/error-codes.js';

export { errorCodes, type ErrorCode, type ErrorBody };

/** An expected failure with a stable code. Tests assert on `code`, never on the text. */
export class HamgamError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** A Persian sentence as precise as `message`; without it the code's generic Persian text is sent. */
  readonly messageFa?: string;

  constructor(
    code: ErrorCode,
    message?: string,
    details?: unknown,
    options?: { cause?: unknown; messageFa?: string },
  ) {
    super(message ?? errorCodes[code].en, options);
    this.name = 'HamgamError';
    this.code = code;
    this.details = details;
    this.messageFa = options?.messageFa;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageFa: this.messageFa ?? errorCodes[this.code].fa,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const isHamgamError = (e: unknown): e is HamgamError => e instanceof HamgamError;

/** Anything that is not a HamgamError is a bug: it becomes INTERNAL (the caller logs the stack). */
export function toHamgamError(e: unknown): HamgamError {
  if (isHamgamError(e)) return e;
  return new HamgamError('INTERNAL', undefined, undefined, { cause: e });
}
