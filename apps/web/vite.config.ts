import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes a brotli and a gzip copy beside each script and stylesheet, compressed once at the
 * highest levels, for the server to send to browsers that accept them (static-web.ts): the
 * client's 1.4 MB script crosses the network as about 340 KB, and a browser's cache keeps it so.
 */
const precompress = (): Plugin => ({
  name: 'precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    const files = Object.keys(bundle).filter((name) => /\.(js|css)$/.test(name));
    await Promise.all(
      files.map(async (name) => {
        const file = path.join(options.dir!, name);
        const content = await fs.readFile(file);
        const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length };
        await fs.writeFile(`${file}.br`, await brotli(content, { params }));
        await fs.writeFile(`${file}.gz`, await gzipped(content, { level: constants.Z_BEST_COMPRESSION }));
      }),
    );
  },
});

export default defineConfig({
  base: '/',
  plugins: [react(), classicScript(), precompress()],
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
