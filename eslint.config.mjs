// Lint rules, including the module boundaries of DESIGN.md (no-restricted-imports per folder).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworks = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  'better-sqlite3',
  'pg',
  'pino',
];
const nodeIo = [
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'process',
  'node:process',
  'child_process',
  'node:child_process',
];
const botFramework = ['botbuilder', 'botbuilder-*', 'botframework-*'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'artifacts/**', 'data/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**', 'src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: botFramework,
              message: 'The Bot Framework SDK is archived: keep its imports inside src/teams and src/server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...frameworks, ...nodeIo], message: 'src/core is pure: only zod, fuse.js and itself.' },
            {
              group: [
                '**/knowledge/**',
                '**/storage/**',
                '**/teams/**',
                '**/server/**',
                '**/cli/**',
                '**/cards/**',
              ],
              message: 'src/core must not depend on adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: no process.' }],
    },
  },
);
