import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isProblem } from '../api/problem';
import { session } from '../api/session';
import { i18n } from '../i18n';
import { LiveProvider } from '../live/LiveProvider';
import { AnnouncerProvider } from '../ui/announcer';
import { createRouter } from './routes';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live events keep the cache fresh; refetch on focus only catches what they cannot.
        staleTime: 30_000,
        // A refusal (4xx) will not change by asking again.
        retry: (count, error) => !(isProblem(error) && error.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  // Nothing of one person's session stays in memory for the next one.
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.current() !== 'signed-in') queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LiveProvider>
          <AnnouncerProvider>
            <RouterProvider router={router} />
          </AnnouncerProvider>
        </LiveProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
