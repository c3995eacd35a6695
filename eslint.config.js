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

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'renderer/dist/**'] },
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
    files: ['core/contracts/**/*.ts', 'core/domain/**/*.ts'],
    rules: restrict(
      [
        ...nodeIoPatterns,
        '**/store/**',
        '**/queue/**',
        '**/blob/**',
        '**/mahak/**',
        '**/mahak-sim/**',
        '**/sync/**',
        '**/api/**',
        '**/electron/**',
        '**/renderer/**',
      ],
      'domain/ and contracts/ are pure: no I/O and no outer layers',
    ),
  },
  {
    files: ['core/contracts/**/*.ts'],
    rules: restrict(
      [...nodeIoPatterns, '**/domain/**', '**/store/**', '**/sync/**', '**/api/**', '**/mahak/**'],
      'contracts/ import nothing but zod',
    ),
  },
  {
    files: ['core/store/**/*.ts', 'core/queue/**/*.ts', 'core/blob/**/*.ts', 'core/mahak/**/*.ts'],
    rules: restrict(
      ['**/sync/**', '**/api/**', '**/mahak-sim/**', '**/electron/**', '**/renderer/**'],
      'drivers sit below sync and api',
    ),
  },
  {
    files: ['core/sync/**/*.ts'],
    rules: restrict(
      ['**/api/**', '**/mahak-sim/**', '**/electron/**', '**/renderer/**'],
      'sync sits below api',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['**/core/!(contracts)/**', '**/core/*.ts', '**/electron/**'],
      'renderer imports only core/contracts',
    ),
  },
);
