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
    // Screens are split per route (app/lazy-screen.tsx); served locally, the extra requests cost little
    // and the first paint loads a third of the desk. The shared entry chunk is ~830 kB (react-dom, MUI
    // core, zod contracts, i18n texts), above Vite's 500 kB default warning.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/admin/api': 'http://127.0.0.1:8080',
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
