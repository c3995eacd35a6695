import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';

const requestParts = ['querystring', 'params', 'body', 'headers'] as const;

/** A zod schema as OpenAPI 3.0 JSON schema; request parts as the client writes them, responses as sent. */
function toJson(schema: unknown, io: 'input' | 'output'): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'openapi-3.0',
    unrepresentable: 'any',
  });
  return json;
}

/** Route schemas are zod (see zod-validation.ts); the OpenAPI document gets their JSON-schema form. */
function zodToOpenApi(schema: FastifySchema | undefined): FastifySchema | undefined {
  if (!schema) return schema;
  const out: Record<string, unknown> = { ...schema };
  for (const part of requestParts) if (out[part] !== undefined) out[part] = toJson(out[part], 'input');
  if (schema.response && typeof schema.response === 'object') {
    const entries = Object.entries(schema.response as Record<string, unknown>);
    out.response = Object.fromEntries(entries.map(([status, s]) => [status, toJson(s, 'output')]));
  }
  return out as FastifySchema;
}

/** OpenAPI document at /docs/json, Swagger UI at /docs. Registered before the routes so it sees them all. */
export async function registerOpenApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Hamgam storefront API',
        description: 'Catalogue, accounts and checkout for a shop kept in step with Mahak. Amounts are rial.',
        version: '1',
      },
    },
    transform: ({ schema, url }) => ({ schema: zodToOpenApi(schema) as FastifySchema, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
