import type { SvgIconComponent } from '@mui/icons-material';
import type { ReactElement } from 'react';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { CatalogueScreen } from '../features/catalogue/CatalogueScreen';
import RocketLaunchOutlined from '@mui/icons-material/RocketLaunchOutlined';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { setupPath } from '../features/setup/SetupGate';
import { SetupWizardScreen } from '../features/setup/SetupWizardScreen';
import { ChangePasswordScreen } from '../features/users/ChangePasswordScreen';
import { CustomerScreen } from '../features/customers/CustomerScreen';
import { CustomersScreen } from '../features/customers/CustomersScreen';
import { OrderScreen } from '../features/orders/OrderScreen';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { ProductScreen } from '../features/catalogue/ProductScreen';
import { UsersScreen } from '../features/users/UsersScreen';
import { changePasswordPath } from './UserMenu';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import MonitorHeartOutlined from '@mui/icons-material/MonitorHeartOutlined';
import { RunDetailScreen } from '../features/runs/RunDetailScreen';
import { RunsScreen } from '../features/runs/RunsScreen';
import { StatusScreen } from '../features/status/StatusScreen';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import GavelOutlined from '@mui/icons-material/GavelOutlined';
import { DeadLettersScreen } from '../features/dead-letters/DeadLettersScreen';
import { DisputeWorkbenchScreen } from '../features/disputes/DisputeWorkbenchScreen';
import { DisputesScreen } from '../features/disputes/DisputesScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';

/**
 * One desk feature: its nav item and route(s). Feature helpers append ONE entry each, keeping the list
 * in navigation order, e.g.
 *   { id: 'status', navLabelKey: 'status:nav', icon: MonitorHeartOutlined, path: '/status',
 *     element: <StatusScreen /> },
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
    element: <StatusScreen />,
  },
  {
    id: 'runs',
    navLabelKey: 'runs:nav',
    icon: HistoryOutlined,
    path: '/runs',
    element: <RunsScreen />,
    routes: [{ path: '/runs/:id', element: <RunDetailScreen /> }],
  },
  {
    id: 'disputes',
    navLabelKey: 'disputes:nav',
    icon: GavelOutlined,
    path: '/disputes',
    element: <DisputesScreen />,
    routes: [{ path: '/disputes/:id', element: <DisputeWorkbenchScreen /> }],
  },
  {
    id: 'dead-letters',
    navLabelKey: 'dead-letters:nav',
    icon: ErrorOutlineOutlined,
    path: '/dead-letters',
    element: <DeadLettersScreen />,
  },
  {
    id: 'reports',
    navLabelKey: 'reports:nav',
    icon: AssessmentOutlined,
    path: '/reports',
    element: <ReportsScreen />,
  },
  {
    id: 'catalogue',
    navLabelKey: 'catalogue:nav',
    icon: Inventory2Outlined,
    path: '/catalogue',
    element: <CatalogueScreen />,
    routes: [{ path: '/catalogue/:id', element: <ProductScreen /> }],
  },
  {
    id: 'orders',
    navLabelKey: 'orders:nav',
    icon: ReceiptLongOutlined,
    path: '/orders',
    element: <OrdersScreen />,
    routes: [{ path: '/orders/:id', element: <OrderScreen /> }],
  },
  {
    id: 'customers',
    navLabelKey: 'customers:nav',
    icon: PeopleAltOutlined,
    path: '/customers',
    element: <CustomersScreen />,
    routes: [{ path: '/customers/:id', element: <CustomerScreen /> }],
  },
  {
    id: 'settings',
    navLabelKey: 'settings:nav',
    icon: SettingsOutlined,
    path: '/settings',
    element: <SettingsScreen />,
    ownerOnly: true,
  },
  {
    id: 'users',
    navLabelKey: 'users:nav',
    icon: PeopleOutlined,
    path: '/users',
    element: <UsersScreen />,
    ownerOnly: true,
  },
  // Every clerk's own password (the user menu links here); not in the drawer.
  {
    id: 'account',
    navLabelKey: 'users:changeTitle',
    icon: PeopleOutlined,
    path: changePasswordPath,
    element: <ChangePasswordScreen />,
    hideInNav: true,
  },
  // The first-run wizard (SetupGate sends everyone here while setup is incomplete); not in the drawer.
  {
    id: 'setup',
    navLabelKey: 'setup:title',
    icon: RocketLaunchOutlined,
    path: setupPath,
    element: <SetupWizardScreen />,
    hideInNav: true,
  },
];

/** The features a staff member may see in the drawer. */
export const navFeatures = (isOwner: boolean): DeskFeature[] =>
  features.filter((f) => !f.hideInNav && (isOwner || !f.ownerOnly));
