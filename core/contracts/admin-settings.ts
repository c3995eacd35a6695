import { z } from 'zod';
import { syncErrorAdviceSchema } from './admin-sync.js';
import { errorCodes, type ErrorCode } from './error-codes.js';

/**
 * Settings kept in the database (/admin/api/settings), the Mahak lists the desk picks from, the
 * connection test and the first-run setup state. A key set by the config file, a HAMGAM_* env var or
 * the command line wins over the database and is reported under `locks`; a PATCH of a locked key is
 * refused (SETTING_LOCKED). The Mahak password is write-only: answers carry `mahakPasswordSet`.
 */

export const priceLevelSchema = z.number().int().min(1).max(10);
export const moneyUnitSchema = z.enum(['rial', 'toman']);
export type MoneyUnit = z.infer<typeof moneyUnitSchema>;

/**
 * The five fields of a cron line (minute granularity: a pull every second would only hammer Mahak);
 * the server also parses it for real.
 */
export const cronSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^(\S+\s+){4}\S+$/, 'a cron line of 5 fields, e.g. */5 * * * *');

/** Every key the desk can change; the names are the config keys (env HAMGAM_ + SCREAMING_SNAKE). */
export const settingKeySchema = z.enum([
  'mahakUrl',
  'mahakUser',
  'mahakPassword',
  'mahakDatabaseId',
  'pullSchedule',
  'sellPriceLevel',
  'storeId',
  'mahakPersonGroupId',
  'mahakBankId',
  'moneyDisplay',
  'pullSkipPrices',
  'pullSkipStock',
  'pullSkipTitles',
  'pullSkipPictures',
]);
export type SettingKey = z.infer<typeof settingKeySchema>;

/** One value per key as stored and as PATCHed (null: storeId = every store, databaseId = ask login). */
export const settingValueSchemas = {
  mahakUrl: z.url({ protocol: /^https?$/ }).max(500),
  mahakUser: z.string().trim().min(1).max(100),
  mahakPassword: z.string().min(1).max(200),
  mahakDatabaseId: z.number().int().nonnegative().nullable(),
  pullSchedule: cronSchema,
  sellPriceLevel: priceLevelSchema,
  storeId: z.number().int().positive().nullable(),
  mahakPersonGroupId: z.number().int().positive(),
  /** Mahak bank (BankId) that receives online payments: the Cheque of a paid web order. */
  mahakBankId: z.number().int().positive(),
  moneyDisplay: moneyUnitSchema,
  pullSkipPrices: z.boolean(),
  pullSkipStock: z.boolean(),
  pullSkipTitles: z.boolean(),
  pullSkipPictures: z.boolean(),
} as const satisfies Record<SettingKey, z.ZodType>;

export const settingsPatchSchema = z
  .strictObject({
    mahakUrl: settingValueSchemas.mahakUrl.optional(),
    mahakUser: settingValueSchemas.mahakUser.optional(),
    mahakPassword: settingValueSchemas.mahakPassword.optional(),
    mahakDatabaseId: settingValueSchemas.mahakDatabaseId.optional(),
    pullSchedule: settingValueSchemas.pullSchedule.optional(),
    sellPriceLevel: settingValueSchemas.sellPriceLevel.optional(),
    storeId: settingValueSchemas.storeId.optional(),
    mahakPersonGroupId: settingValueSchemas.mahakPersonGroupId.optional(),
    mahakBankId: settingValueSchemas.mahakBankId.optional(),
    moneyDisplay: settingValueSchemas.moneyDisplay.optional(),
    pullSkipPrices: settingValueSchemas.pullSkipPrices.optional(),
    pullSkipStock: settingValueSchemas.pullSkipStock.optional(),
    pullSkipTitles: settingValueSchemas.pullSkipTitles.optional(),
    pullSkipPictures: settingValueSchemas.pullSkipPictures.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsValuesSchema = z.object({
  mahakUrl: z.string(),
  mahakUser: z.string(),
  /** Whether a password is configured; the password itself never leaves the server. */
  mahakPasswordSet: z.boolean(),
  mahakDatabaseId: z.number().int().nullable(),
  pullSchedule: z.string(),
  sellPriceLevel: priceLevelSchema,
  storeId: z.number().int().nullable(),
  mahakPersonGroupId: z.number().int(),
  /** 0: none chosen, the push takes the bank with the lowest code (core/push/push-choices.ts). */
  mahakBankId: z.number().int(),
  moneyDisplay: moneyUnitSchema,
  pullSkipPrices: z.boolean(),
  pullSkipStock: z.boolean(),
  pullSkipTitles: z.boolean(),
  pullSkipPictures: z.boolean(),
});
export type SettingsValues = z.infer<typeof settingsValuesSchema>;

export const settingLockSchema = z.object({
  /** file: the config file; env: a HAMGAM_* variable; cli: a command-line option; demo: `hamgam demo`. */
  source: z.enum(['file', 'env', 'cli', 'demo']),
  /** The env var name, the config file's path, or the option / face. */
  name: z.string(),
});
export type SettingLock = z.infer<typeof settingLockSchema>;

export const settingsViewSchema = z.object({
  values: settingsValuesSchema,
  locks: z.partialRecord(settingKeySchema, settingLockSchema),
  updatedAt: z.string().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** What every clerk's desk needs (money unit), readable without the owner role. */
export const deskDisplaySchema = z.object({ moneyDisplay: moneyUnitSchema });
export type DeskDisplay = z.infer<typeof deskDisplaySchema>;

// ---- lists pulled from Mahak ----

export const mahakListsSchema = z.object({
  /** pulled: the store's copy of Mahak's tables; mahak: read from Mahak just now (before the first pull). */
  source: z.enum(['pulled', 'mahak']),
  /** Always the ten levels (Price1..Price10), named where Mahak's CostLevelNames name them. */
  priceLevels: z.array(z.object({ level: priceLevelSchema, name: z.string().nullable() })),
  stores: z.array(z.object({ id: z.number().int(), code: z.number().int().nullable(), name: z.string() })),
  personGroups: z.array(
    z.object({
      id: z.number().int(),
      code: z.number().int().nullable(),
      name: z.string(),
      sellPriceLevel: z.number().int().nullable(),
    }),
  ),
  /** Mahak's bank accounts: the one online payments go to (settings mahakBankId). */
  banks: z.array(
    z.object({
      id: z.number().int(),
      code: z.number().int().nullable(),
      name: z.string(),
      bankName: z.string().nullable(),
    }),
  ),
});
export type MahakLists = z.infer<typeof mahakListsSchema>;

// ---- connection test ----

/** Values to try; a missing one is taken from the current settings (the password typically). */
export const connectionTestRequestSchema = z.strictObject({
  mahakUrl: settingValueSchemas.mahakUrl.optional(),
  mahakUser: settingValueSchemas.mahakUser.optional(),
  mahakPassword: settingValueSchemas.mahakPassword.optional(),
  mahakDatabaseId: settingValueSchemas.mahakDatabaseId.optional(),
});
export type ConnectionTestRequest = z.infer<typeof connectionTestRequestSchema>;

const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    visitorId: z.number().int(),
    databaseId: z.number().int(),
    userTitle: z.string().nullable(),
    /** True when the tested values are the saved ones: setup counts the connection as confirmed. */
    confirmed: z.boolean(),
    lists: mahakListsSchema,
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: errorCodeSchema, message: z.string(), messageFa: z.string() }),
    /** What went wrong in the clerk's words and what to do (the same advice the status screen gives). */
    advice: syncErrorAdviceSchema,
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

// ---- first-run setup ----

export const setupStateSchema = z.object({
  /** False on a fresh database: the desk opens the wizard. */
  complete: z.boolean(),
  /** `hamgam demo`: preconfigured with the simulator, never needs the wizard. */
  demo: z.boolean(),
  /** A connection test of the saved Mahak settings succeeded. */
  connectionConfirmed: z.boolean(),
  /** A pull has completed successfully. */
  firstPullDone: z.boolean(),
  /** The Mahak connection is fixed by env / config file: the wizard skips typing it. */
  connectionLocked: z.boolean(),
});
export type SetupState = z.infer<typeof setupStateSchema>;
