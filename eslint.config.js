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

/** Everything that reaches PostgreSQL: only src/store may import or call it (ARCHITECTURE.md). */
const DATABASE_IMPORTS = ['**/store/generated/**', '@prisma/*', 'prisma', 'prisma/*', 'pg'];
const PRISMA_METHODS =
  'findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|createMany|createManyAndReturn|updateMany|updateManyAndReturn|upsert|deleteMany|aggregate|groupBy';
const ONE_DOOR = 'src/store is the only door to PostgreSQL: put this query in a store use case (see ARCHITECTURE.md).';

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
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: DATABASE_IMPORTS, message: ONE_DOOR }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^[$](queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)$/]',
          message: ONE_DOOR,
        },
        {
          selector: "MemberExpression[object.name='Prisma'][property.name=/^(sql|join|raw|empty)$/]",
          message: ONE_DOOR,
        },
        {
          selector: `CallExpression[callee.type='MemberExpression'][callee.object.type='MemberExpression'][callee.property.name=/^(${PRISMA_METHODS})$/]`,
          message: ONE_DOOR,
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(create|update|delete|count)$/][callee.object.type='MemberExpression'][callee.object.object.name=/^(db|tx|database|prisma|client)$/]",
          message: ONE_DOOR,
        },
        {
          // The same through a dependency object: deps.db.person.update(…).
          selector:
            "CallExpression[callee.property.name=/^(create|update|delete|count)$/][callee.object.type='MemberExpression'][callee.object.object.property.name=/^(db|tx|database|prisma|client)$/]",
          message: ONE_DOOR,
        },
      ],
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
