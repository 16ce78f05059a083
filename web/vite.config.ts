import { defineConfig } from 'vite';
import { precompress } from './precompress.js';
import { serviceWorker } from './service-worker.js';

/**
 * Builds the single-page app into dist/web, which the server serves as static files.
 * Run from the project root: `vite build --config web/vite.config.ts`. Every text file of the build
 * gets a brotli and a gzip copy beside it (precompress.ts), which the server sends to field links.
 * The service worker that keeps the app for use offline is built into sw.js (service-worker.ts).
 */
export default defineConfig({
  root: 'web',
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [serviceWorker(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The CSP forbids inline scripts and styles: never inline assets as data: URLs either.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for server components; a single-page app has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
