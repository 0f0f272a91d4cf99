import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES } from '../shared/api/contract';

// The page gets window.api.call and nothing else: never ipcRenderer itself. Unknown names are refused here,
// and the main process validates every call again.
const names = new Set<string>(CALL_NAMES);

contextBridge.exposeInMainWorld('api', {
  call(name: string, input: unknown) {
    if (typeof name !== 'string' || !names.has(name)) {
      return Promise.resolve({ ok: false, error: { kind: 'not_found', message: 'Chức năng không tồn tại.', fieldErrors: {} } });
    }
    return ipcRenderer.invoke('api:call', name, input);
  },
});

// Desktop-only helpers: the page can ask for a PDF of itself, nothing more.
contextBridge.exposeInMainWorld('desktop', {
  saveAsPdf(suggestedName: string) {
    return ipcRenderer.invoke('desktop:save-pdf', String(suggestedName ?? 'bao-cao.pdf').slice(0, 200));
  },
});
