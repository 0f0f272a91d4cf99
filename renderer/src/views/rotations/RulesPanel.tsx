import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ROTATION_RULE_KINDS, type RuleSet } from '../../../../shared/api/rotations';
import { formatVnDate } from '../../../../shared/domain/dates';
import { SEXES } from '../../../../shared/domain/codes';
import { useNotify } from '../../components/notify';
import { DateInput } from '../../components/form';
import { useIsAdmin } from '../login/session';

/** The dated rule sets (thresholds editable by administrators) and the retirement-age schedule they use. */
export function RulesPanel({ onChanged }: { onChanged(): void }) {
  const notify = useNotify();
  // The host lets only administrators change rules; others read them.
  const isAdmin = useIsAdmin();
  const [data, setData] = useState<CallOutput<'rotationRules.list'> | null>(null);
  const load = useCallback(() => call('rotationRules.list', {}).then(setData, (e) => notify('error', errorMessage(e))), [notify]);
  useEffect(() => void load(), [load]);

  const setThreshold = async (set: RuleSet, index: number, text: string) => {
    const value = text.trim() === '' ? null : Number(text.replace(',', '.'));
    if (value !== null && (!Number.isFinite(value) || value < 0)) return notify('error', 'Ngưỡng phải là số không âm.');
    try {
      await call('rotationRules.update', { id: set.id, version: set.version, changes: { rules: set.rules.map((r, i) => (i === index ? { ...r, value } : r)) } });
      notify('success', `Đã cập nhật ${set.code}.`);
      await load();
      onChanged();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const setValidity = async (set: RuleSet, validFrom: string | null, validTo: string | null) => {
    if (!validFrom) return notify('error', 'Ngày có hiệu lực không được để trống.');
    try {
      await call('rotationRules.update', { id: set.id, version: set.version, changes: { validFrom, validTo } });
      notify('success', `Đã cập nhật thời gian hiệu lực của ${set.code}.`);
      await load();
      onChanged();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  if (!data) return <p className="view-padded">Đang tải…</p>;
  return (
    <div className="view-padded">
      <p className="muted">Mỗi đợt luân chuyển được đối chiếu với bộ quy định có hiệu lực vào ngày bắt đầu (thực tế, nếu chưa có thì dự kiến). Quy định chỉ áp dụng cho hình thức luân chuyển.</p>
      {data.ruleSets.map((s) => (
        <section key={s.id} className="rot-ruleset">
          <h3>{s.name}</h3>
          <p>Hiệu lực: từ {formatVnDate(s.validFrom)}{s.validTo ? ` đến ${formatVnDate(s.validTo)}` : ''}{s.note ? ` · ${s.note}` : ''}</p>
          {isAdmin && <Validity key={`${s.id}-${s.version}`} set={s} onSave={setValidity} />}
          <table className="simple-table rot-table">
            <thead><tr><th>Quy tắc</th><th>Nội dung</th><th>Ngưỡng</th></tr></thead>
            <tbody>
              {s.rules.map((r, i) => (
                <tr key={r.kind}>
                  <td>{ROTATION_RULE_KINDS[r.kind]}</td>
                  <td>{r.label}</td>
                  <td>
                    {r.value === null || r.value === undefined ? '—' : !isAdmin ? String(r.value).replace('.', ',') : (
                      <input aria-label={`Ngưỡng ${r.kind} ${s.code}`} defaultValue={String(r.value)} style={{ width: 70 }} onBlur={(e) => e.target.value !== String(r.value) && void setThreshold(s, i, e.target.value)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <h3>Tuổi nghỉ hưu theo lộ trình (điều kiện lao động bình thường)</h3>
      <table className="simple-table rot-table">
        <thead><tr><th>Giới tính</th><th>Sinh từ tháng</th><th>đến tháng</th><th>Tuổi nghỉ hưu</th><th>Căn cứ</th></tr></thead>
        <tbody>
          {data.retirementSchedule.map((b) => (
            <tr key={b.id}>
              <td>{SEXES[b.sex as keyof typeof SEXES] ?? b.sex}</td>
              <td>{b.bornFrom ? formatVnDate(b.bornFrom) : 'trước đó'}</td>
              <td>{b.bornTo ? formatVnDate(b.bornTo) : 'trở đi'}</td>
              <td>{b.ageYears} tuổi{b.ageMonths ? ` ${b.ageMonths} tháng` : ''}</td>
              <td>{b.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Editing when a rule set is in force: the rotations it judges are chosen by their start date. */
function Validity({ set, onSave }: { set: RuleSet; onSave(set: RuleSet, from: string | null, to: string | null): void }) {
  const [from, setFrom] = useState<string | null>(set.validFrom);
  const [to, setTo] = useState<string | null>(set.validTo);
  const changed = from !== set.validFrom || to !== set.validTo;
  return (
    <div className="rot-action-row">
      <DateInput label={`Có hiệu lực từ (${set.code})`} iso={from} onChange={(v) => setFrom(v)} />
      <DateInput label={`Hết hiệu lực sau ngày (${set.code})`} iso={to} onChange={(v) => setTo(v)} />
      <button type="button" disabled={!changed} onClick={() => onSave(set, from, to)}>
        Lưu thời gian hiệu lực
      </button>
    </div>
  );
}
