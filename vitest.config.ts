import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };
// The tests' data encryption key (ADR 0032; the text "lauwer tests only: not a secret."), shared by the
// test processes and the app processes they start, which all use the same databases.
const env = {
  NODE_ENV: "test" as const,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  APP_ORIGIN: "http://localhost:3000",
  DATA_ENCRYPTION_KEY: "bGF1d2VyIHRlc3RzIG9ubHk6IG5vdCBhIHNlY3JldC4=",
  // Tests change data and read it back anonymously at once; the page cache (ADR 0039) has its own test.
  PAGE_CACHE_SECONDS: "0",
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Two files at once at least: Vitest's default (cores − 1) is one on a two-core machine, where the
    // integration tests wait on PostgreSQL much of the time. Each worker has its own database.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          env,
          // A guard against a hang only, as below.
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          env,
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/worker-db.ts"],
          // Guards against a hang only: a shared or slow machine may take many times as long.
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
