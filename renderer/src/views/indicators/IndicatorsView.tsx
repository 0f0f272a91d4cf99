import { lazy, Suspense, useState } from 'react';
import { lastFinishedQuarter, quarterEnd } from '../../../../shared/domain/dates';
import { DashboardTab } from './DashboardTab';
import { EntryTab } from './EntryTab';
import { SetupTab } from './SetupTab';
import './indicators.css';

// Chỉ tiêu và báo cáo: the indicator dashboard, the entry of quarterly statistics, the setup of resolutions,
// indicators, targets and training standards, and the printable quarterly report (owned by the reports area,
// loaded from views/reports/ReportsTab.tsx).
// Its code is asked for as this screen loads, not on the tab click: the host answers one request at a time, so a
// chunk asked for while the dashboard is being computed would wait behind that computation.
const reportsTabModule = import('../reports/ReportsTab');
// A failed load shows on the tab when it is opened (through lazy), not as an unhandled rejection before that.
reportsTabModule.catch(() => undefined);
const ReportsTab = lazy(() => reportsTabModule);

type Tab = 'bang' | 'nhap' | 'bao-cao' | 'thiet-lap';
const TABS: [Tab, string][] = [
  ['bang', 'Bảng chỉ tiêu'],
  ['nhap', 'Nhập số liệu'],
  ['bao-cao', 'Báo cáo quý'],
  ['thiet-lap', 'Nghị quyết, chỉ tiêu, tiêu chuẩn'],
];

// The tab last used in this window comes back when the clerk returns from another area (say, from checking a
// cadre while writing the quarterly report), instead of the dashboard recomputing every figure on the way.
const TAB_KEY = 'qlcb.indicators.tab';
const rememberedTab = (): Tab => {
  const t = sessionStorage.getItem(TAB_KEY);
  return TABS.some(([key]) => key === t) ? (t as Tab) : 'bang';
};

export default function IndicatorsView() {
  const [tab, setTabState] = useState<Tab>(rememberedTab);
  const setTab = (t: Tab) => {
    sessionStorage.setItem(TAB_KEY, t);
    setTabState(t);
  };
  // The measured date is shared by the dashboard and the entry tab; default: the last finished quarter.
  const [onDate, setOnDate] = useState(() => quarterEnd(lastFinishedQuarter()));
  return (
    <section className="view indicators-view">
      <div className="tabs" role="tablist" aria-label="Chỉ tiêu và báo cáo">
        {TABS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      <div className="indicators-tab" role="tabpanel">
        {tab === 'bang' && <DashboardTab onDate={onDate} setOnDate={setOnDate} />}
        {tab === 'nhap' && <EntryTab onDate={onDate} setOnDate={setOnDate} />}
        {tab === 'bao-cao' && (
          <Suspense fallback={<p className="view-padded">Đang tải…</p>}>
            <ReportsTab />
          </Suspense>
        )}
        {tab === 'thiet-lap' && <SetupTab />}
      </div>
    </section>
  );
}
