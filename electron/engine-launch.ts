import { join } from 'node:path';
import { engineArgv } from './engine-protocol.js';

export interface EngineLaunchInput {
  /** The data folder chosen in the settings, or the default under the user's app-data folder. */
  dataDir: string;
  port: number;
  logsDir: string;
  /** From the SecretStore; absent when none was saved (the engine then uses its config file or demo). */
  mahakPassword?: string;
  /** The backup folder chosen from the desk (window.hamgam.chooseBackupFolder); unset = the data folder's. */
  backupDir?: string;
  baseEnv: NodeJS.ProcessEnv;
}

/** Arguments and options of utilityProcess.fork for the engine entry. */
export function engineLaunch(input: EngineLaunchInput) {
  const env: NodeJS.ProcessEnv = { ...input.baseEnv };
  // Electron's own switch would turn the child into plain Node with no parentPort.
  delete env.ELECTRON_RUN_AS_NODE;
  if (input.mahakPassword !== undefined) env.HAMGAM_MAHAK_PASSWORD = input.mahakPassword;
  else delete env.HAMGAM_MAHAK_PASSWORD;
  // The engine's scheduled backups (core/ops/backup-schedule.ts) go where the shop chose.
  if (input.backupDir !== undefined) env.HAMGAM_BACKUP_TARGET = input.backupDir;
  return {
    args: engineArgv({
      dataDir: input.dataDir,
      port: input.port,
      logFile: join(input.logsDir, 'engine.log'),
    }),
    options: {
      env,
      // The engine reads ./hamgam.config.json from its working folder: the data folder.
      cwd: input.dataDir,
      serviceName: 'Hamgam engine',
      stdio: 'pipe' as const,
    },
  };
}
