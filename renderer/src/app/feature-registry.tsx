import type { SvgIconComponent } from '@mui/icons-material';
import type { ReactElement } from 'react';
import { screen } from './lazy-screen';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import RocketLaunchOutlined from '@mui/icons-material/RocketLaunchOutlined';
import { setupPath } from '../features/setup/SetupGate';
import { changePasswordPath } from './UserMenu';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import MonitorHeartOutlined from '@mui/icons-material/MonitorHeartOutlined';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import GavelOutlined from '@mui/icons-material/GavelOutlined';

/**
 * One desk feature: its nav item and route(s). Feature helpers append ONE entry each, keeping the list
 * in navigation order, e.g.
 *   { id: 'status', navLabelKey: 'status:nav', icon: MonitorHeartOutlined, path: '/status',
 *     element: screen(() => import('../features/status/StatusScreen'), 'StatusScreen') },
 * `path` is the nav target and the main route; `routes` adds more (e.g. '/orders/:id'). Text keys are
 * `<namespace>:<key>` in the feature's i18n.ts (registered in i18n/resources.ts).
 */
export interface DeskFeature {
  id: string;
  /** i18n key of the nav label, e.g. 'status:nav'. */
  navLabelKey: string;
  icon: SvgIconComponent;
  path: string;
  element: ReactElement;
  routes?: { path: string; element: ReactElement }[];
  /** Hidden from staff and guarded: only the owner sees and opens it. */
  ownerOnly?: boolean;
  /** Routed but not in the drawer (e.g. the first-run wizard). */
  hideInNav?: boolean;
}

export const features: DeskFeature[] = [
  {
    id: 'status',
    navLabelKey: 'status:nav',
    icon: MonitorHeartOutlined,
    path: '/status',
    element: screen(() => import('../features/status/StatusScreen'), 'StatusScreen'),
  },
  {
    id: 'runs',
    navLabelKey: 'runs:nav',
    icon: HistoryOutlined,
    path: '/runs',
    element: screen(() => import('../features/runs/RunsScreen'), 'RunsScreen'),
    routes: [
      {
        path: '/runs/:id',
        element: screen(() => import('../features/runs/RunDetailScreen'), 'RunDetailScreen'),
      },
    ],
  },
  {
    id: 'disputes',
    navLabelKey: 'disputes:nav',
    icon: GavelOutlined,
    path: '/disputes',
    element: screen(() => import('../features/disputes/DisputesScreen'), 'DisputesScreen'),
    routes: [
      {
        path: '/disputes/:id',
        element: screen(
          () => import('../features/disputes/DisputeWorkbenchScreen'),
          'DisputeWorkbenchScreen',
        ),
      },
    ],
  },
  {
    id: 'dead-letters',
    navLabelKey: 'dead-letters:nav',
    icon: ErrorOutlineOutlined,
    path: '/dead-letters',
    element: screen(() => import('../features/dead-letters/DeadLettersScreen'), 'DeadLettersScreen'),
  },
  {
    id: 'reports',
    navLabelKey: 'reports:nav',
    icon: AssessmentOutlined,
    path: '/reports',
    element: screen(() => import('../features/reports/ReportsScreen'), 'ReportsScreen'),
  },
  {
    id: 'catalogue',
    navLabelKey: 'catalogue:nav',
    icon: Inventory2Outlined,
    path: '/catalogue',
    element: screen(() => import('../features/catalogue/CatalogueScreen'), 'CatalogueScreen'),
    routes: [
      {
        path: '/catalogue/:id',
        element: screen(() => import('../features/catalogue/ProductScreen'), 'ProductScreen'),
      },
    ],
  },
  {
    id: 'orders',
    navLabelKey: 'orders:nav',
    icon: ReceiptLongOutlined,
    path: '/orders',
    element: screen(() => import('../features/orders/OrdersScreen'), 'OrdersScreen'),
    routes: [
      { path: '/orders/:id', element: screen(() => import('../features/orders/OrderScreen'), 'OrderScreen') },
    ],
  },
  {
    id: 'customers',
    navLabelKey: 'customers:nav',
    icon: PeopleAltOutlined,
    path: '/customers',
    element: screen(() => import('../features/customers/CustomersScreen'), 'CustomersScreen'),
    routes: [
      {
        path: '/customers/:id',
        element: screen(() => import('../features/customers/CustomerScreen'), 'CustomerScreen'),
      },
    ],
  },
  {
    id: 'settings',
    navLabelKey: 'settings:nav',
    icon: SettingsOutlined,
    path: '/settings',
    element: screen(() => import('../features/settings/SettingsScreen'), 'SettingsScreen'),
    ownerOnly: true,
  },
  {
    id: 'users',
    navLabelKey: 'users:nav',
    icon: PeopleOutlined,
    path: '/users',
    element: screen(() => import('../features/users/UsersScreen'), 'UsersScreen'),
    ownerOnly: true,
  },
  // Every clerk's own password (the user menu links here); not in the drawer.
  {
    id: 'account',
    navLabelKey: 'users:changeTitle',
    icon: PeopleOutlined,
    path: changePasswordPath,
    element: screen(() => import('../features/users/ChangePasswordScreen'), 'ChangePasswordScreen'),
    hideInNav: true,
  },
  // The first-run wizard (SetupGate sends everyone here while setup is incomplete); not in the drawer.
  {
    id: 'setup',
    navLabelKey: 'setup:title',
    icon: RocketLaunchOutlined,
    path: setupPath,
    element: screen(() => import('../features/setup/SetupWizardScreen'), 'SetupWizardScreen'),
    hideInNav: true,
  },
];

/** The features a staff member may see in the drawer. */
export const navFeatures = (isOwner: boolean): DeskFeature[] =>
  features.filter((f) => !f.hideInNav && (isOwner || !f.ownerOnly));
