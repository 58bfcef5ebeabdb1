// Lint rules for the whole tree (issue 15): TypeScript's recommended rules, the rules of hooks,
// and jsx-a11y's recommended accessibility rules. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'public/**', 'data/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Labels here wrap their control and name it with translated text (`{t(...)}`), which the
      // rule cannot see as text: ask only that the control be inside the label or tied by id.
      'jsx-a11y/label-has-associated-control': ['error', { assert: 'either', depth: 4 }],
      // Focus moves into a field only when the person asked for that field (Edit, Add item):
      // no page takes focus on load. axe and the keyboard e2e tests check the result.
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  {
    files: ['app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
