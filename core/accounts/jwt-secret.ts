import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import type { Clock } from './account-records.js';
import { newOpaqueToken } from './secret-tokens.js';

const settingKey = 'jwt_secret';

/**
 * The HMAC secret of access tokens. A configured `jwtSecret` (HAMGAM_JWT_SECRET) wins and is never
 * stored. Without one, a random 384-bit secret is generated on first start and kept in the database
 * (account_settings), because:
 *   - a restart must not sign every customer and clerk out (a secret made fresh at each start would);
 *   - several headless instances on one PostgreSQL must accept each other's tokens, and the database is
 *     the one thing they share.
 * The trade-off: whoever can read the database (or a backup of it) can mint tokens. That reader can
 * already read every account, so it adds little; a shop that wants the secret elsewhere sets jwtSecret.
 * Two instances starting at once may both generate one: the first insert wins and both read it back.
 */
export async function resolveJwtSecret(
  db: SqlDb,
  configured: string | undefined,
  logger: Logger,
  now: Clock = Date.now,
): Promise<string> {
  if (configured) return configured;
  const stored = await readSecret(db);
  if (stored) return stored;
  await db.run(
    'INSERT INTO account_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    [settingKey, newOpaqueToken(48), now()],
  );
  const secret = await readSecret(db);
  if (!secret) throw new Error('account_settings: the JWT secret was not stored');
  logger.info(
    { setting: settingKey },
    'generated a JWT secret and stored it in the database (set HAMGAM_JWT_SECRET to manage it yourself)',
  );
  return secret;
}

async function readSecret(db: SqlDb): Promise<string | undefined> {
  const rows = await db.query<{ value: string }>('SELECT value FROM account_settings WHERE key = ?', [
    settingKey,
  ]);
  return rows[0]?.value;
}
