import { BrowserRouter, Route, Routes } from 'react-router';
import { SetupGate } from '../features/setup/SetupGate';
import { RequireAuth } from '../auth/RequireAuth';
import { SignInScreen } from '../auth/SignInScreen';
import { DeskLayout } from './DeskLayout';
import { features, type DeskFeature } from './feature-registry';
import { HomeScreen } from './HomeScreen';
import { NotFoundScreen, PlaceholderScreen } from './MessageScreen';
import { OwnerOnly } from './OwnerOnly';
import { changePasswordPath } from './UserMenu';

const routesOf = (feature: DeskFeature) =>
  [{ path: feature.path, element: feature.element }, ...(feature.routes ?? [])].map((route) => (
    <Route
      key={`${feature.id}:${route.path}`}
      path={route.path}
      element={feature.ownerOnly ? <OwnerOnly>{route.element}</OwnerOnly> : route.element}
    />
  ));

const claimed = (path: string) =>
  features.some((f) => f.path === path || f.routes?.some((r) => r.path === path));

/** Routes: sign-in outside the layout, everything else signed-in inside it. */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInScreen />} />
        <Route
          element={
            <RequireAuth>
              <DeskLayout />
            </RequireAuth>
          }
        >
          <Route element={<SetupGate />}>
            <Route index element={<HomeScreen />} />
            {features.flatMap(routesOf)}
            {!claimed(changePasswordPath) && (
              <Route path={changePasswordPath} element={<PlaceholderScreen />} />
            )}
            <Route path="*" element={<NotFoundScreen />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
