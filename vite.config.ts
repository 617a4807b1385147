import { defineConfig } from 'vitest/config';

// One config for the browser demo (vite) and the test suite (vitest).
export default defineConfig({
  root: '.',
  // Relative base: the built site works from any static server or sub-folder.
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Property tests replay from FC_SEED (see tests/support/fast-check-seed.ts).
    setupFiles: ['tests/support/fast-check-seed.ts'],
  },
});
