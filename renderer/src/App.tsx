import { Suspense, useEffect, useState } from 'react';
import { ROUTES } from './routes';
import { ReferenceProvider } from './data/reference';
import { NotifyProvider } from './components/notify';
import { FirstRun } from './views/FirstRun';

function currentPath(): string {
  const p = window.location.hash.replace(/^#\/?/, '').split(/[?&]/)[0];
  return ROUTES.some((r) => r.path === p) ? p : ROUTES[0].path;
}

export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0];
  const View = route.view;
  return (
    <NotifyProvider>
      <ReferenceProvider>
        <div className="shell">
          <nav className="sidebar" aria-label="Chức năng">
            <div className="brand">Quản lý cán bộ</div>
            <ul>
              {ROUTES.map((r) => (
                <li key={r.path}>
                  <a href={`#/${r.path}`} aria-current={r.path === path ? 'page' : undefined}>
                    {r.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main className="content">
            <h1 className="view-title">{route.label}</h1>
            <Suspense fallback={<p className="view-padded">Đang tải…</p>}>
              <View key={route.path} />
            </Suspense>
          </main>
        </div>
        <FirstRun />
      </ReferenceProvider>
    </NotifyProvider>
  );
}
