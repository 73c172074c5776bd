import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ensureAccessToken } from '../api/client';
import { Loading } from '../ui/Loading';
import { useSession } from './auth';

/**
 * Signed-in pages. Without a session (or when it expired) the person goes to the sign-in page,
 * which brings them back here afterwards.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (state !== 'signed-in') return;
    let live = true;
    void ensureAccessToken().then(() => {
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [state]);
  if (state !== 'signed-in') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const params = new URLSearchParams({ next });
    if (state === 'expired') params.set('expired', '1');
    return <Navigate to={`/sign-in?${params.toString()}`} replace />;
  }
  if (!ready) return <Loading />;
  return <>{children}</>;
}
