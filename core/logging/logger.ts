/** The one logger port. Structured: every call takes a fields object and a message. */
export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  /** A child carries extra bindings (runId, reqId, component) on every line. */
  child(bindings: Record<string, unknown>): Logger;
}
