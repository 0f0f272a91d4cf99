import { Suspense, useEffect, useState } from 'react';
import { ROUTES, currentRoutePath as currentPath } from './routes';
import { ReferenceProvider } from './data/reference';
import { NotifyProvider } from './components/notify';
import { FirstRun } from './views/FirstRun';
import { AuthGate } from './views/login/AuthGate';
import { VaultGate } from './views/login/VaultGate';
import { useSession } from './views/login/session';
import { ROLE_LABELS } from '../../shared/api/security';

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
      <VaultGate>
        <AuthGate>
          {(user) => (
            <ReferenceProvider>
              <div className={`shell role-${user.role}`}>
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
                  <SignedInAs />
                </nav>
                <main className="content">
                  {user.role === 'viewer' && <div className="viewer-banner">Tài khoản chỉ xem: bạn xem và in được, không sửa được dữ liệu.</div>}
                  <h1 className="view-title">{route.label}</h1>
                  <Suspense fallback={<p className="view-padded">Đang tải…</p>}>
                    <View key={route.path} />
                  </Suspense>
                </main>
              </div>
              {user.role === 'admin' && <FirstRun />}
            </ReferenceProvider>
          )}
        </AuthGate>
      </VaultGate>
    </NotifyProvider>
  );
}

/** The signed-in user at the foot of the navigation, with "Đăng xuất". */
function SignedInAs() {
  const { user, signOut } = useSession();
  return (
    <div className="who" data-testid="signed-in-as">
      <div>{user.fullName}</div>
      <div className="role">{ROLE_LABELS[user.role]}</div>
      {user.id !== null && (
        <button type="button" onClick={() => void signOut()}>
          Đăng xuất
        </button>
      )}
    </div>
  );
}
