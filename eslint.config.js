// Layer rule (STYLE.md rule 1): imports only go with the grain.
//   electron -> core; renderer -> core/contracts; api -> sync -> (store, queue, blob, mahak) -> domain -> contracts
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeIo = [
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'pg',
  'better-sqlite3',
  'amqplib',
  'minio',
  'axios',
];
const nodeIoPatterns = [...nodeIo, ...nodeIo.map((m) => `node:${m}`), 'fs/*', 'node:fs/*'];

const services = [
  '**/sync/**',
  '**/push/**',
  '**/orders/**',
  '**/payments/**',
  '**/accounts/**',
  '**/catalogue/**',
  '**/reports/**',
  '**/settings/**',
];
const outer = [
  ...services,
  '**/store/**',
  '**/queue/**',
  '**/blob/**',
  '**/mahak/**',
  '**/mahak-sim/**',
  '**/api/**',
  '**/electron/**',
  '**/renderer/**',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'dist/**',
      'coverage/**',
      'renderer/dist/**',
      '.tmp/**',
      'release/**',
      // desktop/'s `npm run build` writes the bundles here.
      'electron/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/cli.ts', 'core/cli/**'],
    rules: {
      'no-console': 'error',
      ...restrict(
        ['**/electron/**', '**/renderer/**', 'electron', 'react'],
        'core/ never imports electron or react',
      ),
    },
  },
  {
    files: ['core/domain/**/*.ts'],
    rules: restrict(
      [...nodeIoPatterns, ...outer],
      'domain/ and contracts/ are pure: no I/O and no outer layers',
    ),
  },
  {
    files: ['core/contracts/**/*.ts'],
    rules: restrict(
      [...nodeIoPatterns, '**/domain/**', ...outer, '**/errors.js', '**/config/**', '**/logging/**'],
      'contracts/ import nothing but zod (the renderer imports them too)',
    ),
  },
  {
    files: ['core/store/**/*.ts', 'core/queue/**/*.ts', 'core/blob/**/*.ts', 'core/mahak/**/*.ts'],
    rules: restrict(
      [...services, '**/api/**', '**/mahak-sim/**', '**/electron/**', '**/renderer/**'],
      'drivers sit below the services, sync and api',
    ),
  },
  {
    // The services and the engine: api -> (sync, push, orders, payments, accounts) -> drivers.
    files: [
      'core/sync/**/*.ts',
      'core/push/**/*.ts',
      'core/orders/**/*.ts',
      'core/payments/**/*.ts',
      'core/accounts/**/*.ts',
      'core/catalogue/**/*.ts',
      'core/reports/**/*.ts',
      'core/settings/**/*.ts',
    ],
    rules: restrict(
      ['**/api/**', '**/mahak-sim/**', '**/electron/**', '**/renderer/**'],
      'services sit below api',
    ),
  },
  {
    // Main-process logic is plain functions with Electron injected through our own port
    // (electron/electron-api.ts): the root install has no Electron at all (it needs Node 22.12; see
    // docs/decisions.md, "Node versions"). Only desktop/src/, type-checked in desktop/, imports it.
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^electron(-log|-updater)?(/|$)',
              message: 'inject Electron through electron-api.ts: only desktop/src imports it',
            },
            { regex: '^(\\.\\.?/)+(.*/)?renderer(/|$)', message: 'electron/ never imports the renderer' },
          ],
        },
      ],
    },
  },
  {
    // Regexes, not globs: the glob form ('**/core/!(contracts)/**') never matched a relative import like
    // '../../../core/store/storage' (no extglob support), so the rule silently allowed everything.
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\.?/)+(.*/)?core/(?!contracts/)',
              message: 'renderer imports only core/contracts',
            },
            {
              regex: '^(\\.\\.?/)+(.*/)?electron(/|$)|^electron$',
              message: 'renderer never imports electron',
            },
            {
              regex: '^node:|^(fs|path|child_process|net|http|https)$',
              message: 'the renderer runs in a browser',
            },
          ],
        },
      ],
    },
  },
);
