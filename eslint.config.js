// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** SDKs and infrastructure the domain and the conversation must not know about (DESIGN.md). */
const SDK_IMPORTS = [
  'grammy',
  'grammy/*',
  '@grammyjs/*',
  'whatsapp-api-js',
  'whatsapp-api-js/*',
  'bullmq',
  'bullmq/*',
  'ioredis',
  'ioredis/*',
  '@prisma/*',
  'prisma',
  'prisma/*',
  'pg',
  'fastify',
  'fastify/*',
  '@fastify/*',
  '**/store/**',
  '**/channels/**',
  '**/jobs/**',
  '**/http/**',
  '**/cli/**',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'src/store/generated/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Its view of Prisma's JSON and pino's logger types disagrees with tsc's: it removes casts tsc needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Tests read JSON bodies and platform payloads as `any` on purpose, and their fakes are async
    // to match the interface they stand in for; promises are still checked there.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/conversation/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SDK_IMPORTS,
              message:
                'src/domain and src/conversation talk to small interfaces, never to an SDK or to infrastructure code (see DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
);
