import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { initialSizeBudget } from './build/initial-size-budget.ts';

/** 250 kB gzipped for everything loaded before first render (decimal kB: the stricter reading). */
const INITIAL_JS_BUDGET_BYTES = 250_000;

/** Where `vite` and `vite preview` send /api; SENTIA_API_URL overrides it. */
const API_TARGET = process.env.SENTIA_API_URL ?? 'http://127.0.0.1:5000';

export default defineConfig({
  plugins: [
    react(),
    initialSizeBudget(INITIAL_JS_BUDGET_BYTES),
    // Brotli and gzip copies beside each text asset over 1 kB, served by the API server when the
    // browser accepts them (serve-web-app.ts): compressed once at build, never per request.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    proxy: {
      // The API server (apps/server) listens on 5000 in development. 127.0.0.1 rather than
      // "localhost": Node may resolve that to ::1 while the server listens on IPv4 only.
      '/api': { target: API_TARGET },
    },
  },
  preview: {
    proxy: {
      '/api': { target: API_TARGET },
    },
  },
});
