import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../ui/Loading';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';

// Every screen is its own chunk: the first paint of a route carries only that route's code.
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const BacklogPage = lazy(() => import('../features/backlog/BacklogPage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const JoinPage = lazy(() => import('../features/auth/JoinPage'));
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage'));
const SetupPage = lazy(() => import('../features/setup/SetupPage'));
const TeamSettingsPage = lazy(() => import('../features/settings/TeamSettingsPage'));
const PersonalSettingsPage = lazy(() => import('../features/settings/PersonalSettingsPage'));
const BoardPage = lazy(() => import('../features/board/BoardPage'));
const WorkflowPage = lazy(() => import('../features/workflow/WorkflowPage'));
const PlanningPage = lazy(() => import('../features/planning/PlanningPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const PokerLobbyPage = lazy(() => import('../features/poker/PokerLobbyPage'));
const PokerRoomPage = lazy(() => import('../features/poker/PokerRoomPage'));
const RetroLobbyPage = lazy(() => import('../features/retro/RetroLobbyPage'));
const RetroRoomPage = lazy(() => import('../features/retro/RetroRoomPage'));
const DailyPage = lazy(() => import('../features/daily/DailyPage'));
const ReviewPage = lazy(() => import('../features/review/ReviewPage'));
const UnsubscribePage = lazy(() => import('../features/notifications/UnsubscribePage'));

function page(node: ReactNode, auth = true) {
  const content = <Suspense fallback={<Loading />}>{node}</Suspense>;
  return auth ? <RequireAuth>{content}</RequireAuth> : content;
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: '/sign-in', element: page(<SignInPage />, false) },
        { path: '/register', element: page(<RegisterPage />, false) },
        { path: '/join', element: page(<JoinPage />, false) },
        { path: '/forgot-password', element: page(<ForgotPasswordPage />, false) },
        { path: '/reset-password', element: page(<ResetPasswordPage />, false) },
        { path: '/setup', element: page(<SetupPage />, false) },
        { path: '/unsubscribe', element: page(<UnsubscribePage />, false) },
        { path: '/', element: page(<HomePage />) },
        { path: '/settings', element: page(<PersonalSettingsPage />) },
        { path: '/teams/:teamId/settings', element: page(<TeamSettingsPage />) },
        { path: '/teams/:teamId/backlog', element: page(<BacklogPage />) },
        { path: '/teams/:teamId/board', element: page(<BoardPage />) },
        { path: '/teams/:teamId/workflow', element: page(<WorkflowPage />) },
        { path: '/teams/:teamId/planning', element: page(<PlanningPage />) },
        { path: '/teams/:teamId/reports', element: page(<ReportsPage />) },
        { path: '/teams/:teamId/poker', element: page(<PokerLobbyPage />) },
        { path: '/teams/:teamId/poker/:sessionId', element: page(<PokerRoomPage />) },
        { path: '/teams/:teamId/retro', element: page(<RetroLobbyPage />) },
        { path: '/teams/:teamId/retro/:retroId', element: page(<RetroRoomPage />) },
        { path: '/teams/:teamId/daily', element: page(<DailyPage />) },
        { path: '/teams/:teamId/review', element: page(<ReviewPage />) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
