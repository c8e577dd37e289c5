import { defineConfig } from 'vitest/config';

// The suite runs as two projects: everything in the machine's time zone forced to UTC, and the
// date-sensitive tests again under America/Los_Angeles, so no date depends on the machine's zone.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print a plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'utc', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } },
      },
      {
        extends: true,
        test: {
          name: 'los-angeles',
          include: [
            'test/core/**/*.test.ts',
            'test/node/**/*.test.ts',
            'test/gas/**/*.test.ts',
            'test/fakes/**/*.test.ts',
            'test/ui/server.test.ts',
          ],
          exclude: ['test/**/*.e2e.test.ts'],
          env: { TZ: 'America/Los_Angeles' },
        },
      },
    ],
  },
});
