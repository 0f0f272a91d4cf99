import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webDir: string;
  }
}

/** Builds the renderer once per test run into its own folder, so parallel runs never share a half-built bundle. */
export default function setup(project: TestProject) {
  const root = path.resolve(__dirname, '../..');
  const dir = process.env.QLCB_E2E_WEB_DIR ?? path.join(root, '.vitest-tmp', `web-${process.pid}`);
  if (!process.env.QLCB_E2E_WEB_DIR || !fs.existsSync(path.join(dir, 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.mts', '--logLevel', 'warn'], {
      cwd: root,
      env: { ...process.env, QLCB_WEB_OUT: dir },
      stdio: 'inherit',
    });
  }
  project.provide('webDir', dir);
  return () => {
    if (!process.env.QLCB_E2E_WEB_DIR) fs.rmSync(dir, { recursive: true, force: true });
  };
}
