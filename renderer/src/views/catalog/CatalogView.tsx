import { useState } from 'react';
import { UnitsPanel } from './UnitsPanel';
import { CodesPanel } from './CodesPanel';
import './catalog.css';

type Tab = 'org' | 'codes';
const TABS: { id: Tab; label: string }[] = [
  { id: 'org', label: 'Cơ cấu tổ chức' },
  { id: 'codes', label: 'Danh mục mã' },
];

/** Danh mục: the organisation tree (dated: moves, closures, successors) and the editable code lists. */
export default function CatalogView() {
  const [tab, setTab] = useState<Tab>('org');
  return (
    <section className="view view-catalog">
      <div className="tabs" role="tablist" aria-label="Danh mục">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`catalog-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`catalog-panel-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="catalog-body" role="tabpanel" id={`catalog-panel-${tab}`} aria-labelledby={`catalog-tab-${tab}`}>
        {tab === 'org' ? <UnitsPanel /> : <CodesPanel />}
      </div>
    </section>
  );
}
