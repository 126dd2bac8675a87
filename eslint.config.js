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
  ...tseslint.configs.recommended,
  {
    languageOptions: {
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
