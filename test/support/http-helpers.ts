import type { LightMyRequestResponse } from 'fastify';
import type { ErrorBody } from '../../core/errors.js';

/** Authorization header for a JWT access token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The `error` of Hamgam's error body (code, message, messageFa, details). */
export const errorOf = (res: LightMyRequestResponse) => (JSON.parse(res.body) as ErrorBody).error;
