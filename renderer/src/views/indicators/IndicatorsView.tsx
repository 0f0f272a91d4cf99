import { lazy, Suspense, useState } from 'react';

// Chỉ tiêu và báo cáo: the indicator dashboard, the entry of quarterly statistics, and the printable quarterly
// report (owned by the reports area, loaded from views/reports/ReportsTab.tsx).
const ReportsTab = lazy(() => import('../reports/ReportsTab'));

type Tab = 'bang' | 'nhap' | 'bao-cao';

export default function IndicatorsView() {
  const [tab, setTab] = useState<Tab>('bang');
  return (
    <section className="view">
      <div role="tablist">
        <button role="tab" aria-selected={tab === 'bang'} onClick={() => setTab('bang')}>Bảng chỉ tiêu</button>
        <button role="tab" aria-selected={tab === 'nhap'} onClick={() => setTab('nhap')}>Nhập số liệu</button>
        <button role="tab" aria-selected={tab === 'bao-cao'} onClick={() => setTab('bao-cao')}>Báo cáo quý</button>
      </div>
      <Suspense fallback={<p>Đang tải…</p>}>{tab === 'bao-cao' ? <ReportsTab /> : <p>Đang xây dựng.</p>}</Suspense>
    </section>
  );
}
