import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../build/web-host';
import { MIGRATIONS } from '../helpers/db';

// The loopback web host: 127.0.0.1 only, its launch token on every call, no other Origin or Host, JSON only,
// and (without a preset user) a session for everything but the public sign-in calls.

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

function request(host: WebHost, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON (static files) */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('web host hardening', () => {
  let host: WebHost;
  let tmp: string;
  let good: Record<string, string>;
  const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    request(host, { path: `/api/${name}`, headers: { ...good, ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-webhost-'));
    const staticDir = path.join(tmp, 'web');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'không được lộ');
    host = await startWebHost({ dbFile: path.join(tmp, 'db.sqlite'), staticDir, migrationsFolder: MIGRATIONS, quiet: true });
    good = { 'Content-Type': 'application/json', 'X-Api-Token': host.token, Host: `127.0.0.1:${host.port}`, Origin: host.url };
  });
  afterAll(async () => {
    await host?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    const targets = [external?.address, '::1'].filter((a): a is string => !!a);
    for (const address of targets) {
      const connected = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: host.port });
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => resolve(false));
      });
      expect(connected, address).toBe(false);
    }
  });

  it('refuses calls without the launch token or with a wrong one (401)', async () => {
    const { 'X-Api-Token': _omit, ...noToken } = good;
    expect((await request(host, { path: '/api/auth.status', headers: noToken, body: '{}' })).status).toBe(401);
    const wrong = await api('auth.status', {}, { 'X-Api-Token': host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });

  it('refuses another site as Origin (403) and a foreign Host header (421)', async () => {
    expect((await api('auth.status', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('auth.status', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('auth.status', {}, { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await api('auth.status', {}, { Host: 'attacker.test' })).status).toBe(421);
  });

  it('accepts only POSTed JSON', async () => {
    expect((await api('auth.status', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await request(host, { path: '/api/auth.status', headers: good, body: '{"a":' })).status).toBe(400);
    expect((await request(host, { method: 'GET', path: '/api/auth.status', headers: good })).status).toBe(405);
  });

  it('requires a session for everything but the public sign-in calls, and sends a CSP', async () => {
    const status = await api('auth.status', {});
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ ok: true, value: { needsSetup: true, user: null } });
    expect(status.headers['content-security-policy']).toContain("default-src 'self'");
    expect(status.headers['x-content-type-options']).toBe('nosniff');
    expect((await api('cadres.list', {})).body).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect((await api('settings.set', { key: 'x', value: 1 })).body).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });

    const setup = await api('auth.setupAdmin', { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' });
    const token = setup.body.value.token as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect((await api('cadres.list', {}, { 'X-Session-Token': token })).body.ok).toBe(true);
    expect((await api('cadres.list', {}, { 'X-Session-Token': token + 'x' })).body).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    // The session does not replace the launch token.
    const { 'X-Api-Token': _omit, ...noToken } = good;
    expect((await request(host, { path: '/api/cadres.list', headers: { ...noToken, 'X-Session-Token': token }, body: '{}' })).status).toBe(401);
    await api('auth.logout', {}, { 'X-Session-Token': token });
    expect((await api('cadres.list', {}, { 'X-Session-Token': token })).body).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });

  it('serves only files inside its folder', async () => {
    expect((await request(host, { method: 'GET', path: '/', headers: { Host: `127.0.0.1:${host.port}` } })).status).toBe(200);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await request(host, { method: 'GET', path: p, headers: { Host: `127.0.0.1:${host.port}` } });
      expect(r.status, p).toBe(404);
      expect(String(r.body)).not.toContain('không được lộ');
    }
  });
});
