import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { useSetupState } from './use-setup';

export const setupPath = '/setup';

/**
 * Sends signed-in staff to the wizard while setup is incomplete (a fresh database). If the state
 * cannot be read the desk opens as usual (a layout route around every desk screen; the gate sits inside
 * the shell so the top bar stays while it asks): a broken check must not lock the shop out of its desk.
 */
export function SetupGate() {
  const setup = useSetupState();
  const location = useLocation();
  if (setup.isPending) return <LoadingState />;
  const incomplete = setup.data && !setup.data.complete && !setup.data.demo;
  if (incomplete && location.pathname !== setupPath) return <Navigate to={setupPath} replace />;
  return <Outlet />;
}
