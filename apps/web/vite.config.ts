import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { initialSizeBudget } from './build/initial-size-budget.ts';

/** 250 kB gzipped for everything loaded before first render (decimal kB: the stricter reading). */
const INITIAL_JS_BUDGET_BYTES = 250_000;

export default defineConfig({
  plugins: [react(), initialSizeBudget(INITIAL_JS_BUDGET_BYTES)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    proxy: {
      // The API server (apps/server) listens on 5000 in development.
      '/api': { target: process.env.SENTIA_API_URL ?? 'http://localhost:5000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: process.env.SENTIA_API_URL ?? 'http://localhost:5000', changeOrigin: false },
    },
  },
});
