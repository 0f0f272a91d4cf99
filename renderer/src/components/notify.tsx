import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

export type NoticeKind = 'info' | 'success' | 'error' | 'warning';
interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

const Ctx = createContext<(kind: NoticeKind, text: string) => void>(() => {});

/** A message strip at the bottom of the window; errors stay until dismissed, the others fade after a while. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const notify = useCallback((kind: NoticeKind, text: string) => {
    const id = next.current++;
    setNotices((n) => [...n.slice(-3), { id, kind, text }]);
    if (kind !== 'error') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 6000);
  }, []);
  return (
    <Ctx.Provider value={notify}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            <button type="button" aria-label="Đóng thông báo" onClick={() => setNotices((x) => x.filter((y) => y.id !== n.id))}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

export const useNotify = () => useContext(Ctx);
