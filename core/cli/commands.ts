import type { CliCommand } from './command.js';

/** Every `hamgam` command. Each lives in its own `<name>-command.ts`, loaded only when listed. */
export async function loadCommands(): Promise<CliCommand[]> {
  const modules = await Promise.all([
    import('./demo-command.js'),
    import('./serve-command.js'),
    import('./sync-command.js'),
    import('./reconcile-command.js'),
    import('./migrate-command.js'),
    import('./migrate-data-command.js'),
    import('./mahak-sim-command.js'),
    import('./staff-add-command.js'),
    import('./push-command.js'),
    import('./drift-command.js'),
    import('./backup-command.js'),
    import('./restore-command.js'),
    import('./doctor-command.js'),
  ] as Promise<{ command: CliCommand }>[]);
  return modules.map((m) => m.command);
}
