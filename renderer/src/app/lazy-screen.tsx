import { lazy, type ComponentType, type ReactElement } from 'react';

/**
 * A route's screen loaded on first visit: each feature becomes its own chunk (with the grid, charts
 * or pickers it alone needs), so the first paint loads the shell and the sign-in screen, not the whole
 * desk. The layout's Suspense shows the loading state meanwhile. `name` is the module's named export.
 */
export function screen<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ReactElement {
  const Screen: ComponentType = lazy(() =>
    load().then((module): { default: ComponentType } => ({ default: module[name] })),
  );
  return <Screen />;
}
