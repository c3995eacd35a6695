import { errorCodes } from '../../../core/contracts/error-codes';

/** The documented error body of every Hamgam API: {error:{code,message,messageFa,details}}. */
export interface ErrorBody {
  error: { code: string; message: string; messageFa: string; details?: unknown };
}

/**
 * A failed API call, as the desk shows it: the Persian message for fa, the English one for en, and the
 * code so support can find it. Network failures and unreadable answers get codes of their own.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageFa: string;
  readonly details: unknown;

  constructor(init: { code: string; status: number; message: string; messageFa: string; details?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.messageFa = init.messageFa;
    this.details = init.details;
  }

  /** Text for the clerk in the desk's language. */
  localized(language: string): string {
    return language === 'en' ? this.message : this.messageFa;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as Partial<ErrorBody> | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Builds the ApiError for a non-2xx answer, whether or not its body is the documented shape. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, messageFa, details } = body.error;
    // Without a Persian message (a proxy's or an older server's body) the code's own Persian text is
    // shown, never the English message inside the Persian desk.
    const known = (errorCodes as Record<string, { fa: string } | undefined>)[code];
    const fa = messageFa || known?.fa || errorCodes.INTERNAL.fa;
    return new ApiError({ code, status, message, messageFa: fa, details });
  }
  const code = status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return fromCode(code, status, body);
}

export const networkError = (cause: unknown): ApiError =>
  new ApiError({
    code: 'NETWORK_ERROR',
    status: 0,
    message: 'The Hamgam server is not reachable; check that it is running',
    messageFa: 'سرور همگام در دسترس نیست؛ روشن بودن آن را بررسی کنید',
    details: String(cause),
  });

export const badAnswerError = (path: string, details: unknown): ApiError =>
  new ApiError({
    code: 'BAD_RESPONSE',
    status: 0,
    message: `The server's answer to ${path} was not understood`,
    messageFa: 'پاسخ سرور قابل فهم نبود؛ شاید نسخهٔ میز کار و سرور با هم نمی‌خوانند',
    details,
  });

function fromCode(code: keyof typeof errorCodes, status: number, details: unknown): ApiError {
  const known = errorCodes[code];
  return new ApiError({ code, status, message: known.en, messageFa: known.fa, details });
}
