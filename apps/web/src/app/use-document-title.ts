import { useEffect } from 'react';

/** "Profile — Sentia": the tab and the screen reader's page announcement name the page. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Sentia`;
  }, [title]);
}
