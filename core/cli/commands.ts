import type { CliCommand } from './command.js';

/** Every `hamgam` command. Each lives in its own `<name>-command.ts`. */
export async function loadCommands(): Promise<CliCommand[]> {
  const modules = await Promise.all([
    // Filled as commands land: mahak-sim, sync, serve, demo, migrate, migrate-data, doctor, ...
  ] as Promise<{ command: CliCommand }>[]);
  return modules.map((m) => m.command);
}
