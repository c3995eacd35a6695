import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites share PostgreSQL/RabbitMQ; each uses its own database/vhost-free names,
    // but forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
  },
});
