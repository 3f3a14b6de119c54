import { defineConfig } from "vitest/config";

// End-to-end tests drive the real app window through tauri-driver; they run one at a time
// because there is one display and one app binary.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ["verbose"],
  },
});
