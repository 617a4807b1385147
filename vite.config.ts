import { defineConfig } from 'vitest/config';

// One config for the browser demo (vite) and the test suite (vitest).
export default defineConfig({
  root: '.',
  build: { outDir: 'dist', target: 'es2022' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Property tests replay from FC_SEED (see tests/support/fast-check-seed.ts).
    setupFiles: ['tests/support/fast-check-seed.ts'],
  },
});
