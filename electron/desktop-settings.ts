import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { DesktopLog } from './desktop-log.js';

/**
 * The desktop app's own settings (desktop-settings.json in the user's app-data folder): where the
 * data lives, start at login, the preferred local port. The engine's settings are its own
 * (hamgam.config.json in the data folder, or HAMGAM_* variables); the Mahak password is neither
 * (secret-store.ts).
 */
export const desktopSettingsSchema = z.object({
  /** Database, pictures and hamgam.config.json; default <userData>/data. */
  dataDir: z.string().min(1).optional(),
  /** Chosen from the desk (window.hamgam.chooseBackupFolder); the backup feature reads it. */
  backupDir: z.string().min(1).optional(),
  startAtLogin: z.boolean().default(false),
  /**
   * A fixed port keeps the desk's origin, and so its saved sign-in and preferences, the same from one
   * start to the next; the engine takes any free port if this one is busy.
   */
  port: z.number().int().min(1024).max(65535).default(47380),
  /** Overrides the update feed URL built into the package (publish.url in electron-builder.yml). */
  updateUrl: z.url({ protocol: /^https?$/ }).optional(),
  language: z.enum(['fa', 'en']).default('fa'),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export class SettingsStore {
  constructor(
    private readonly file: string,
    private readonly log: DesktopLog,
  ) {}

  /** The saved settings; a missing, unreadable or invalid file gives the defaults (logged, kept aside). */
  read(): DesktopSettings {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.setAside(`unreadable: ${(e as Error).message}`);
      return desktopSettingsSchema.parse({});
    }
    const parsed = desktopSettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.setAside(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return desktopSettingsSchema.parse({});
  }

  update(patch: Partial<DesktopSettings>): DesktopSettings {
    const next = desktopSettingsSchema.parse({ ...this.read(), ...patch });
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename: a crash mid-write never leaves half a settings file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
    return next;
  }

  private setAside(problem: string): void {
    this.log.warn(`desktop settings ${this.file} ignored (${problem}); using defaults`);
    try {
      renameSync(this.file, `${this.file}.bad`);
    } catch {
      // Nothing to keep.
    }
  }
}
