import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

/**
 * Loads the built client as a classic deferred script instead of a module: Chromium keeps the
 * compiled code of classic scripts between visits (its code cache) but compiles module scripts
 * afresh in every new tab, which on a slow machine is most of a new tab's wait.
 */
const classicScript = (): Plugin => ({
  name: 'classic-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => {
      const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
      if (!entry.test(html)) throw new Error('classic-script: no module script tag to replace in index.html');
      return html.replace(entry, '<script defer src="$1"></script>');
    },
  },
});

export default defineConfig({
  base: '/',
  plugins: [react(), classicScript()],
  resolve: {
    // Consume @corroborate/contracts as TypeScript source; it never needs a build.
    conditions: ['source', ...defaultClientConditions],
    // REACT_PROFILING=1: React's profiling build, which times each component's render (bench/README.md).
    alias: process.env.REACT_PROFILING ? { 'react-dom/client': 'react-dom/profiling' } : {},
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The whole client is one script on purpose (below); the warning would only say so.
    chunkSizeWarningLimit: 2000,
    // One script and one stylesheet: a classic script cannot import chunks of its own.
    cssCodeSplit: false,
    rolldownOptions: {
      output: { format: 'iife', codeSplitting: false },
      // Only Vite's helper for lazy imports reads `import.meta`, and with one script it loads nothing.
      checks: { emptyImportMeta: false },
    },
  },
});
