import { lazy, Suspense, useState } from 'react';
import { useIsAdmin } from '../login/session';
import { MyAccountSection } from './MyAccountSection';
import { UsersSection } from './UsersSection';
import './settings.css';

// Cài đặt: one tab per concern. The backup tab belongs to the backups work and is loaded when opened.
const BackupSection = lazy(() => import('./BackupSection'));
const SecuritySection = lazy(() => import('./SecuritySection'));

type Tab = 'account' | 'users' | 'backup' | 'security';

export default function SettingsView() {
  const isAdmin = useIsAdmin();
  const tabs: { id: Tab; label: string }[] = [
    { id: 'account', label: 'Tài khoản của tôi' },
    ...(isAdmin ? [{ id: 'users' as const, label: 'Người dùng' }] : []),
    { id: 'backup', label: 'Sao lưu và khôi phục' },
    ...(isAdmin ? [{ id: 'security' as const, label: 'Bảo mật dữ liệu' }] : []),
  ];
  const [tab, setTab] = useState<Tab>(isAdmin ? 'users' : 'account');
  return (
    <section className="view settings-view">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="settings-body view-padded">
        {tab === 'account' && <MyAccountSection />}
        {tab === 'users' && isAdmin && <UsersSection />}
        {tab === 'backup' && (
          <Suspense fallback={<p>Đang tải…</p>}>
            <BackupSection />
          </Suspense>
        )}
        {tab === 'security' && isAdmin && (
          <Suspense fallback={<p>Đang tải…</p>}>
            <SecuritySection />
          </Suspense>
        )}
      </div>
    </section>
  );
}
