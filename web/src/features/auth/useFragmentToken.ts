import { useState } from 'react';

/**
 * Emailed links carry their token in the fragment (`/join#<token>`, `/reset-password#<token>`):
 * a fragment never leaves the browser, so no server or proxy log holds it. The token moves to
 * this tab's sessionStorage under `key` and off the address bar, so it survives a detour
 * through the sign-in page without riding in a query string.
 */
export function useFragmentToken(key: string): string | undefined {
  const [token] = useState(() => {
    const fromHash = location.hash.slice(1);
    if (fromHash) {
      sessionStorage.setItem(key, fromHash);
      history.replaceState(history.state, '', location.pathname);
      return fromHash;
    }
    return sessionStorage.getItem(key) ?? undefined;
  });
  return token;
}
