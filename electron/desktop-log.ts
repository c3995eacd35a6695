/** What main-process modules log through: electron-log's main logger in the app, a fake in tests. */
export interface DesktopLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
