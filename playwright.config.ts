import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  timeout: 45_000,
  expect: { timeout: 5_000 },
  // One Chromium with the extension at a time: this machine has two cores.
  workers: 1,
  fullyParallel: false,
  // No retries, in CI too: a flaky test fails instead of hiding.
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
