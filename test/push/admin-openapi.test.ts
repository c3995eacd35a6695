import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminEnv, type AdminEnv } from './admin-env.js';

describe('admin push routes in the OpenAPI document', () => {
  let env: AdminEnv;
  beforeAll(async () => {
    env = await startAdminEnv();
  });
  afterAll(() => env.close());

  it('documents every push-side admin route', async () => {
    const res = await env.server.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin/api/outbox',
        '/admin/api/disputes',
        '/admin/api/disputes/{id}',
        '/admin/api/disputes/{id}/resolve',
        '/admin/api/dead-letters',
        '/admin/api/dead-letters/{id}/retry',
        '/admin/api/dead-letters/{id}',
        '/admin/api/sync/pull',
        '/admin/api/sync/push',
        '/admin/api/sync/runs',
      ]),
    );
  });

  it('validates the resolve body with the contract (400 VALIDATION_FAILED, nothing changed)', async () => {
    const res = await env.call<{ error: { code: string } }>('POST', '/admin/api/disputes/x/resolve', {
      resolution: 'shrug',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await env.call<{ error: { code: string } }>('POST', '/admin/api/disputes/nope/resolve', {
      resolution: 'resend',
    });
    expect(unknown.status).toBe(404);
  });

  it('lists sync runs after a pull triggered through the API', async () => {
    const pull = await env.call<{ outcome: string; run: { kind: string; status: string } }>(
      'POST',
      '/admin/api/sync/pull',
    );
    expect(pull.status).toBe(200);
    expect(pull.body).toMatchObject({ outcome: 'ran', run: { kind: 'pull', status: 'ok' } });
    const push = await env.call<{ outcome: string }>('POST', '/admin/api/sync/push');
    expect(push.body.outcome).toBe('idle');
    const runs = await env.call<{ items: { kind: string }[] }>('GET', '/admin/api/sync/runs?limit=5');
    expect(runs.body.items[0].kind).toBe('pull');
  });
});
