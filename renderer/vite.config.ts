import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The desk is built into renderer/dist and served by the appliance at `/` (core/api/routes/desk-routes.ts),
 * which gives /assets/* a year of immutable cache: every file there carries a content hash.
 * `npm run dev:desk` serves it with hot reload and proxies the APIs to a running `npm start`.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The appliance is often used offline on shop PCs; one bundle per route is not worth the requests yet.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: {
      '/admin/api': 'http://127.0.0.1:8080',
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
