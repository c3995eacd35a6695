#!/usr/bin/env node
import { HamgamError, errorCodes, isHamgamError } from './errors.js';
import { parseCommandLine } from './cli/cli-support.js';
import { loadCommands } from './cli/commands.js';

/** `hamgam <command> [options]`. Exit codes: 0 ok, 1 failure, 2 usage error. */
async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    printUsage(commands, name);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let parsed;
  try {
    parsed = parseCommandLine(command, rest);
  } catch (e) {
    console.error(`hamgam ${command.name}: ${(e as Error).message}`);
    return 2;
  }
  return command.run(parsed.values, parsed.positionals);
}

function printUsage(commands: { name: string; summary: string }[], unknown?: string): void {
  if (unknown && unknown !== 'help' && unknown !== '--help') console.error(`Unknown command: ${unknown}\n`);
  console.log('Usage: hamgam <command> [options]\n\nCommands:');
  for (const c of commands) console.log(`  ${c.name.padEnd(14)} ${c.summary}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isHamgamError(e)) {
      const err = e as HamgamError;
      console.error(`${err.code}: ${err.message}\n${errorCodes[err.code].fa}`);
      if (err.code === 'CONFIG_INVALID' && Array.isArray(err.details)) {
        for (const d of err.details as { env: string; problem: string }[])
          console.error(`  - ${d.env}: ${d.problem}`);
      }
    } else {
      console.error(e);
    }
    process.exitCode = 1;
  },
);
