import {
  connectionTestRequestSchema,
  connectionTestResultSchema,
  deskDisplaySchema,
  mahakListsSchema,
  settingsPatchSchema,
  settingsViewSchema,
  setupStateSchema,
  type ConnectionTestResult,
  type DeskDisplay,
  type MahakLists,
  type SettingsView,
  type SetupState,
} from '../../contracts/admin-settings.js';
import type { DeskSettings } from '../../settings/desk-settings.js';
import type { ApiRoutePlugin } from '../api-deps.js';
import { limitAccountBodies } from '../auth-support.js';
import { requireStaff, staffOf } from '../auth-guards.js';
import { commonErrors, errorBody } from '../error-schema.js';
import type { ZodTypeProvider } from '../zod-validation.js';

const errors = { 401: errorBody, 403: errorBody, 409: errorBody, ...commonErrors } as const;
const mahakErrors = { 502: errorBody, 503: errorBody } as const;

/**
 * Settings (owner only), the Mahak lists they pick from, the connection test, first-run setup, and
 * the display preferences every clerk's desk needs. Bodies are a few hundred bytes.
 */
export function adminSettingsRoutes(services: { settings: DeskSettings }): ApiRoutePlugin {
  const { settings } = services;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    limitAccountBodies(fastify);
    const tags = ['admin'];
    const owner = requireStaff('owner');

    app.get(
      '/admin/api/settings',
      { onRequest: owner, schema: { tags, response: { 200: settingsViewSchema, ...errors } } },
      async (): Promise<SettingsView> => settings.view(),
    );

    app.patch(
      '/admin/api/settings',
      {
        onRequest: owner,
        schema: { tags, body: settingsPatchSchema, response: { 200: settingsViewSchema, ...errors } },
      },
      async (request): Promise<SettingsView> => settings.update(request.body, staffOf(request)),
    );

    app.post(
      '/admin/api/settings/test-connection',
      {
        onRequest: owner,
        schema: {
          tags,
          body: connectionTestRequestSchema,
          response: { 200: connectionTestResultSchema, ...errors },
        },
      },
      async (request): Promise<ConnectionTestResult> =>
        settings.testConnection(request.body, staffOf(request)),
    );

    app.get(
      '/admin/api/settings/mahak-lists',
      { onRequest: owner, schema: { tags, response: { 200: mahakListsSchema, ...mahakErrors, ...errors } } },
      async (): Promise<MahakLists> => settings.lists(),
    );

    app.get(
      '/admin/api/settings/display',
      { onRequest: requireStaff(), schema: { tags, response: { 200: deskDisplaySchema, ...errors } } },
      async (): Promise<DeskDisplay> => settings.display(),
    );

    app.get(
      '/admin/api/setup',
      { onRequest: requireStaff(), schema: { tags, response: { 200: setupStateSchema, ...errors } } },
      async (): Promise<SetupState> => settings.setupState(),
    );

    app.post(
      '/admin/api/setup/finish',
      { onRequest: owner, schema: { tags, response: { 200: setupStateSchema, ...errors } } },
      async (request): Promise<SetupState> => settings.finishSetup(staffOf(request)),
    );
  };
}
