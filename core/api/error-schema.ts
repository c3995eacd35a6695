import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../errors.js';

/** ErrorBody (core/contracts/error-codes.ts) as a zod schema, for the OpenAPI document. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    messageFa: z.string(),
    details: z.unknown().optional(),
  }),
});

/** The error responses every /api route can give. */
export const commonErrors = { 400: errorBody, 429: errorBody, 500: errorBody } as const;
