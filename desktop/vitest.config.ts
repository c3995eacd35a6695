import { defineConfig } from 'vitest/config';

// desktop/'s own checks (`npm test` here, part of `npm run check` and `npm run dist`): the parts that
// need Electron's tool chain. The root's vitest.config.ts never includes them.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
