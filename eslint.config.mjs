import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'server/src/db/migrations/**', 'artifacts/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Routes parse and answer; only repositories talk SQL.
    files: ['server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/db/client', '**/db/schema', '**/db/schema/*', '**/*.repo'], message: 'Route files must not touch the database: call the service.' },
            { group: ['drizzle-orm', 'drizzle-orm/*', 'mysql2', 'mysql2/*'], message: 'Route files must not touch the database: call the service.' },
          ],
        },
      ],
    },
  },
  {
    // Tests may use `any` for response bodies.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
