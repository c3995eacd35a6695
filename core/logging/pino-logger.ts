import { pino, type Logger as PinoLogger } from 'pino';
import type { Logger } from './logger.js';

// Secrets never reach a log line (STYLE.md rule 4): pino removes these paths wherever they appear.
const redactPaths = [
  'password',
  '*.password',
  'mahakPassword',
  '*.mahakPassword',
  'token',
  '*.token',
  'accessToken',
  'refreshToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'jwtSecret',
  '*.jwtSecret',
];

const wrap = (p: PinoLogger): Logger => ({
  debug: (f, m) => p.debug(f, m),
  info: (f, m) => p.info(f, m),
  warn: (f, m) => p.warn(f, m),
  error: (f, m) => p.error(f, m),
  child: (b) => wrap(p.child(b)),
});

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const base = pino(
    { level, redact: { paths: redactPaths, censor: '[redacted]' } },
    destination ?? process.stderr,
  );
  return wrap(base);
}

/** For tests and for commands that must stay quiet. */
export function createSilentLogger(): Logger {
  return wrap(pino({ level: 'silent' }));
}
