import { useEffect } from 'react';

/** Each screen names itself in the tab title (and to screen readers on navigation). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · ritmo`;
  }, [title]);
}
