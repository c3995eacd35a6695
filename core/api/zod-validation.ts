import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { HamgamError } from '../errors.js';

/**
 * Zod at the HTTP boundary (ARCHITECTURE.md invariant 7). Routes declare zod schemas in `schema`
 * (querystring, params, body); fastify runs them through `zodValidatorCompiler` before the handler, so
 * the handler sees the parsed (coerced, defaulted) value, and the same schemas feed the OpenAPI doc.
 */

/** Where a bad value was: the request part and the dotted field path. */
export interface FieldIssue {
  in: string;
  field: string;
  message: string;
  code: string;
}

/** A VALIDATION_FAILED error whose details list every bad field. */
export function validationError(error: z.ZodError, part: string): HamgamError {
  const fields = error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.');
    // Unknown keys are one issue at the object's path; list each key as its own field.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: part,
        field: path ? `${path}.${key}` : key,
        message: 'Unknown field',
        code: issue.code,
      }));
    }
    return [{ in: part, field: path, message: issue.message, code: issue.code }];
  });
  return new HamgamError(
    'VALIDATION_FAILED',
    `Invalid ${part}: ${fields.map((f) => `${f.field || '(root)'}: ${f.message}`).join('; ')}`,
    { fields },
  );
}

/** Parses or throws VALIDATION_FAILED; for values validated inside a handler rather than by the route schema. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, part = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, part);
  return result.data;
}

const isZodSchema = (s: unknown): s is z.ZodType => s instanceof z.ZodType;

export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart, method, url }) => {
  if (!isZodSchema(schema)) {
    throw new Error(`Route ${method} ${url}: ${httpPart} schema must be a zod schema`);
  }
  const part = httpPart ?? 'request';
  return (data: unknown) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: validationError(result.error, part) };
  };
};

/** Responses are typed by the contracts at compile time; the schema is for the OpenAPI doc only. */
export const jsonSerializerCompiler = () => (data: unknown) => JSON.stringify(data);

/** Types request.query/params/body from the route's zod schemas (the fastify type-provider pattern). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}
