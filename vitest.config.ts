import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/conventions.test.ts'],
    setupFiles: ['tests/support/setup-unit.ts'],
    testTimeout: 20_000,
  },
});
