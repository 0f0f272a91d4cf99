// What only the desktop (Electron) app can do, with the browser's equivalent where there is one.

declare global {
  interface Window {
    desktop?: {
      /** Renders the current page to an A4 PDF (print CSS applies) and asks where to save it. */
      saveAsPdf(suggestedName: string): Promise<{ saved: boolean; path?: string }>;
    };
  }
}

/** Opens the system print dialog for the current page (print CSS applies). */
export function printDocument(): void {
  window.print();
}

/**
 * Saves the current page as PDF: in Electron through printToPDF and a save dialog; in the browser the print
 * dialog offers "Save as PDF" as a destination.
 */
export async function saveAsPdf(suggestedName: string): Promise<{ saved: boolean; path?: string }> {
  if (window.desktop) return window.desktop.saveAsPdf(suggestedName);
  window.print();
  return { saved: false };
}
