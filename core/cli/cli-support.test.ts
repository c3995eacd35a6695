import { describe, expect, it } from 'vitest';
import { configWith, parseCommandLine } from './cli-support.js';
import type { CliCommand } from './command.js';

/** The shape of `hamgam demo`'s options (a flag added later, --blob, included). */
const demoLike: Pick<CliCommand, 'options'> = {
  options: {
    products: { type: 'string', default: '3000' },
    port: { type: 'string' },
    db: { type: 'string', default: 'sqlite:./data/demo.db' },
    blob: { type: 'string', default: 'file:./data/demo-blobs' },
    'mahak-url': { type: 'string', default: 'http://127.0.0.1:5080/API/v3/Sync' },
  },
};

const configOf = (args: string[], env: NodeJS.ProcessEnv, defaults: Record<string, unknown> = {}) => {
  const { values } = parseCommandLine(demoLike, args);
  return configWith(
    { db: values.db, blob: values.blob, port: values.port, mahakUrl: values['mahak-url'] },
    defaults,
    env,
  ).config;
};

describe('command-line options and configuration layers', () => {
  it('fills option defaults for the command', () => {
    const { values } = parseCommandLine(demoLike, ['--port', '0']);
    expect(values).toMatchObject({ products: '3000', port: '0', db: 'sqlite:./data/demo.db' });
  });

  it('lets an environment variable beat an option default (HAMGAM_DB over demo --db)', () => {
    const env = { HAMGAM_DB: 'sqlite:/srv/shop/env.db', HAMGAM_MAHAK_URL: 'http://10.0.0.5/API/v3/Sync' };
    const config = configOf([], env);
    expect(config.db).toBe('sqlite:/srv/shop/env.db');
    expect(config.mahakUrl).toBe('http://10.0.0.5/API/v3/Sync');
    // A flag added to a command later gets the same treatment without further code.
    expect(configOf([], { HAMGAM_BLOB: 'file:/srv/shop/blobs' }).blob).toBe('file:/srv/shop/blobs');
  });

  it('uses the option default when the environment says nothing', () => {
    const config = configOf([], {});
    expect(config.db).toBe('sqlite:./data/demo.db');
    expect(config.blob).toBe('file:./data/demo-blobs');
  });

  it('lets what the user typed beat the environment, even when it equals the default', () => {
    const env = { HAMGAM_DB: 'sqlite:/srv/shop/env.db' };
    expect(configOf(['--db', 'sqlite:/tmp/typed.db'], env).db).toBe('sqlite:/tmp/typed.db');
    expect(configOf(['--db', 'sqlite:./data/demo.db'], env).db).toBe('sqlite:./data/demo.db');
  });

  it("lets an environment variable beat a command's built-in defaults (not only its option defaults)", () => {
    const config = configOf(
      [],
      { HAMGAM_LOG_LEVEL: 'debug' },
      { logLevel: 'warn', pullSchedule: '* * * * *' },
    );
    expect(config.logLevel).toBe('debug');
    expect(config.pullSchedule).toBe('* * * * *');
  });

  it('refuses an unknown option as before', () => {
    expect(() => parseCommandLine(demoLike, ['--nope'])).toThrow(/nope/);
  });
});
