import { spawn, type ChildProcess } from 'node:child_process';
import { HamgamError } from '../errors.js';

/**
 * pg_dump / pg_restore / psql take the database URL without its password; the password goes in
 * PGPASSWORD, so it never shows in a process list or an error message.
 */
export function pgConnection(dbUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(dbUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export interface ToolRun {
  child: ChildProcess;
  /** Resolves when the tool exits 0; rejects with BACKUP_FAILED and its stderr otherwise. */
  done: Promise<void>;
}

/** Starts one PostgreSQL client tool (stdin piped only when asked). */
export function runPgTool(
  tool: 'pg_dump' | 'pg_restore' | 'psql',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { stdin?: boolean; stdout?: boolean } = {},
): ToolRun {
  const child = spawn(tool, args, {
    env: { ...process.env, ...env },
    stdio: [options.stdin ? 'pipe' : 'ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 8000) stderr += d;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (e) =>
      reject(
        new HamgamError(
          'BACKUP_FAILED',
          `${tool} could not be started (${(e as NodeJS.ErrnoException).code ?? e.message}); install the PostgreSQL client tools`,
          { tool },
          { cause: e },
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new HamgamError(
              'BACKUP_FAILED',
              `${tool} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`,
              {
                tool,
                exitCode: code,
              },
            ),
          ),
    );
  });
  return { child, done };
}

/** Collects a tool's standard output as text. */
export async function pgToolOutput(
  tool: 'pg_dump' | 'pg_restore' | 'psql',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const run = runPgTool(tool, args, env, { stdout: true });
  let out = '';
  run.child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  await run.done;
  return out;
}
