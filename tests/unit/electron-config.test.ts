import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, resolveAppFile, secureWebPreferences, denyAllPermissions } from '../../electron/security';

const root = path.resolve(__dirname, '../..');

describe('electron-builder configuration', () => {
  const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as any;
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
  it('builds a per-user NSIS x64 installer with a Vietnamese name and an icon', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.productName).toBe('Quản lý cán bộ');
    expect(fs.existsSync(path.join(root, config.win.icon))).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'db/migrations', to: 'migrations' }]);
  });
});

describe('window security', () => {
  it('isolates and sandboxes the renderer', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });
  it('allows navigation only inside the app', () => {
    expect(isAllowedNavigation('app://ui/index.html#/can-bo')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
  });
  it('serves only files inside the renderer folder', () => {
    const dir = '/app/out/renderer';
    expect(resolveAppFile(dir, 'app://ui/', path.join, path.normalize)).toBe('/app/out/renderer/index.html');
    expect(resolveAppFile(dir, 'app://ui/assets/a.js', path.join, path.normalize)).toBe('/app/out/renderer/assets/a.js');
    // The URL parser folds dot segments; whatever it yields must stay inside the folder.
    expect(resolveAppFile(dir, 'app://ui/%2e%2e/%2e%2e/main/index.js', path.join, path.normalize)).toBe('/app/out/renderer/main/index.js');
    expect(resolveAppFile(dir, 'app://ui/..%2f..%2fmain/index.js', path.join, path.normalize)).toBeNull();
    expect(resolveAppFile(dir, 'https://ui/index.html', path.join, path.normalize)).toBeNull();
  });
  it('refuses every permission and forbids inline scripts', () => {
    let granted: boolean | undefined;
    denyAllPermissions(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });
});
