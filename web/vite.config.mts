import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The client is built into dist/web, which the server serves at `/` (src/web/static-web.ts).
 * `nest build` empties dist/ first, so the web is built after it.
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      // The realtime reference client lives with the server (its tests use it); the web imports
      // the same file.
      '@ritmo/realtime-client': here('../src/client/realtime-client.ts'),
      '@ritmo/charts': here('../src/charts/index.ts'),
      '@bi': here('../node_modules/bootstrap-italia/dist'),
    },
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // Budget: a route's initial JS ≤ 250 KB gzip; the big screens are lazy routes.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/health': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
  test: {
    root: here('.'),
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    setupFiles: [here('test/setup.ts')],
    css: false,
    pool: 'threads',
    maxWorkers: 2,
  },
});
