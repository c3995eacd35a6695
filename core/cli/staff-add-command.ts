import { AccountsService } from '../accounts/accounts-service.js';
import { validationError } from '../api/zod-validation.js';
import { staffCreateSchema } from '../contracts/accounts.js';
import { isHamgamError } from '../errors.js';
import { createStorage } from '../store/create-storage.js';
import type { CliCommand } from './command.js';
import { configWith } from './cli-support.js';

/**
 * `hamgam staff-add --username U --password P --role owner|staff`: the first owner of a fresh install
 * (afterwards owners add staff from the admin UI). Works on the configured database (or --db), which
 * it migrates first like every other command. The password appears in the shell history: change it
 * after the first sign-in, or clear the history line.
 */
export const command: CliCommand = {
  name: 'staff-add',
  summary: 'create an admin account: --username U --password P [--role owner|staff]',
  options: {
    username: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string', default: 'staff' },
    db: { type: 'string' },
  },
  async run(values) {
    const parsed = staffCreateSchema.safeParse({
      username: values.username ?? '',
      password: values.password ?? '',
      role: values.role,
    });
    if (!parsed.success) {
      console.error(`hamgam staff-add: ${validationError(parsed.error, 'options').message}`);
      return 2;
    }
    const { config, logger } = configWith({ db: values.db });
    const storage = createStorage(config.db, logger);
    await storage.init();
    try {
      const staff = await new AccountsService({ db: storage.db, config, logger }).staff.create(parsed.data);
      console.log(`Staff account "${staff.username}" (${staff.role}) created. حساب کاربری ساخته شد.`);
      return 0;
    } catch (e) {
      if (!isHamgamError(e)) throw e;
      console.error(`hamgam staff-add: ${e.code}: ${e.message}`);
      return 1;
    } finally {
      await storage.close();
    }
  },
};
