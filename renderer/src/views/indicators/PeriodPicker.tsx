import { useState } from 'react';
import { formatVnDate, parseVnDate, quarterEnd, quarterOf, todayIso, type Quarter } from '../../../../shared/domain/dates';

// Choose the date a report is measured on: a quarter (its last day) or any date.

export const FIRST_YEAR = 2021;

export function PeriodPicker({ onDate, onChange }: { onDate: string; onChange(iso: string): void }) {
  const q = quarterOf(onDate);
  const isQuarterEnd = quarterEnd(q) === onDate;
  const [mode, setMode] = useState<'quarter' | 'date'>(isQuarterEnd ? 'quarter' : 'date');
  const [text, setText] = useState(formatVnDate(onDate));
  const [error, setError] = useState<string | null>(null);
  const lastYear = Number(todayIso().slice(0, 4));
  const years: number[] = [];
  for (let y = lastYear; y >= FIRST_YEAR; y--) years.push(y);

  const setQuarter = (year: number, quarter: number) => onChange(quarterEnd({ year, quarter: quarter as Quarter['quarter'] }));
  const applyDate = () => {
    const r = parseVnDate(text);
    if (!r.ok) return setError(r.message);
    if (!r.value || r.value.length !== 10) return setError('Hãy nhập đủ ngày, tháng, năm (dd/mm/yyyy).');
    setError(null);
    onChange(r.value);
  };

  return (
    <div className="period-picker" role="group" aria-label="Thời điểm tính">
      <select aria-label="Chọn theo" value={mode} onChange={(e) => setMode(e.target.value as 'quarter' | 'date')}>
        <option value="quarter">Theo quý</option>
        <option value="date">Theo ngày</option>
      </select>
      {mode === 'quarter' ? (
        <>
          <select aria-label="Quý" value={isQuarterEnd ? q.quarter : ''} onChange={(e) => setQuarter(q.year, Number(e.target.value))}>
            {!isQuarterEnd && <option value="">—</option>}
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                Quý {['I', 'II', 'III', 'IV'][n - 1]}
              </option>
            ))}
          </select>
          <select aria-label="Năm" value={q.year} onChange={(e) => setQuarter(Number(e.target.value), isQuarterEnd ? q.quarter : 4)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          <input
            aria-label="Ngày tính"
            value={text}
            placeholder="dd/mm/yyyy"
            aria-invalid={error ? 'true' : undefined}
            onChange={(e) => setText(e.target.value)}
            onBlur={applyDate}
            onKeyDown={(e) => e.key === 'Enter' && applyDate()}
            style={{ width: 120 }}
          />
          {error && <span className="error-text">{error}</span>}
        </>
      )}
      <span className="muted">Số liệu tính đến hết ngày {formatVnDate(onDate)}</span>
    </div>
  );
}
