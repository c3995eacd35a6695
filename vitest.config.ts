import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites share PostgreSQL/RabbitMQ; each uses its own database/vhost-free names,
    // but forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine. Most
    // files wait on PostgreSQL, RabbitMQ, child processes or a browser, so two workers keep both cores
    // busy (a whole run this way under a load average of 10-16 failed only where another job had
    // restarted PostgreSQL or RabbitMQ under it).
    maxWorkers: 2,
  },
});
