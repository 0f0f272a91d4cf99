import { useState } from 'react';
import { PlansTab } from './PlansTab';
import { GapsTab } from './GapsTab';
import { CommitmentsTab } from './CommitmentsTab';
import { RulesTab } from './RulesTab';
import './training.css';

// Đào tạo, bồi dưỡng: plans with their courses and enrolments; who needs training for the resolution's
// targets; service commitments and reimbursements; the dated rules behind them.

const TABS = [
  { key: 'plans', label: 'Kế hoạch, khoá học, học viên', view: PlansTab },
  { key: 'gaps', label: 'Cần đào tạo để đạt chỉ tiêu', view: GapsTab },
  { key: 'commitments', label: 'Cam kết phục vụ, bồi hoàn', view: CommitmentsTab },
  { key: 'rules', label: 'Quy định áp dụng', view: RulesTab },
] as const;

export default function TrainingView() {
  const [tab, setTab] = useState<(typeof TABS)[number]['key']>('plans');
  const View = TABS.find((t) => t.key === tab)!.view;
  return (
    <section className="view view-training">
      <div className="tabs" role="tablist" aria-label="Đào tạo, bồi dưỡng">
        {TABS.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={t.key === tab} onClick={() => setTab(t.key)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="training-tab" role="tabpanel">
        <View />
      </div>
    </section>
  );
}
