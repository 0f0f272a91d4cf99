import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The renderer build for the web host (`npm run web`, browser tests). Electron builds the same sources
// through electron.vite.config.mts.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.QLCB_WEB_OUT ?? path.resolve(import.meta.dirname, '../out/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
