/** One `hamgam <name>` sub-command. Options are parsed with node:util parseArgs. */
export interface CliCommand {
  name: string;
  summary: string;
  /** parseArgs option spec. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;
  /** Resolves with the process exit code; long-running commands resolve when stopped. */
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}
