import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism, for the contract tests: started from node_modules on a free port, stopped by pid afterwards.
    globalSetup: ['test/setup/prism.ts'],
    // Type-level tests (`*.test-d.ts`) run through tsc alongside the runtime tests.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    // The summary test in a file reads counts its siblings collected: keep each file's tests in order.
    sequence: { concurrent: false },
  },
});
