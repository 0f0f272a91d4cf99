import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../../api';
import type { CadreDetail } from '../../../../../shared/api/cadres';

/** Loads one cadre's record with its histories; `reload` answers with the fresh detail (or null on error). */
export function useCadreDetail(cadreId: number) {
  const [detail, setDetail] = useState<CadreDetail | null>(null);
  const [error, setError] = useState('');
  // Only the latest request may set the state: switching cadres quickly must not show an older answer.
  const latest = useRef(0);
  const reload = useCallback(async (): Promise<CadreDetail | null> => {
    const mine = ++latest.current;
    try {
      const d = await call('cadres.get', { id: cadreId });
      if (mine === latest.current) {
        // Same content: keep the old object, so grids and forms below do not refresh for nothing.
        setDetail((old) => (old && JSON.stringify(old) === JSON.stringify(d) ? old : d));
        setError('');
      }
      return d;
    } catch (e) {
      if (mine === latest.current) setError(errorMessage(e));
      return null;
    }
  }, [cadreId]);
  useEffect(() => {
    setDetail(null);
    setError('');
    void reload();
  }, [reload]);
  return { detail, error, reload };
}
