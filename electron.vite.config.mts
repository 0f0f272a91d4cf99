import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: path.resolve(__dirname, 'electron/main.ts'),
          // The thread that reads .xlsx files: its own entry, started by file name (db/services/imports/read-in-worker.ts).
          'xlsx-worker': path.resolve(__dirname, 'db/services/imports/xlsx-worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      // A sandboxed preload must be a single CommonJS file.
      rollupOptions: { input: { index: path.resolve(__dirname, 'electron/preload.ts') }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: path.resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { index: path.resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
