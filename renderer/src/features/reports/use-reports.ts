import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  salesReportSchema,
  syncActivityReportSchema,
  topProductsReportSchema,
} from '../../../../core/contracts/admin-reports';
import { apiClient } from '../../api/api-client';

/** Inclusive civil dates (YYYY-MM-DD): the Jalali days picked, as the server counts them. */
export interface Period {
  from: string;
  to: string;
}

export function useSalesReport(period: Period) {
  return useQuery({
    queryKey: ['/admin/api/reports/sales', period],
    queryFn: ({ signal }) =>
      apiClient.get('/admin/api/reports/sales', { query: { ...period }, schema: salesReportSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTopProducts(period: Period) {
  return useQuery({
    queryKey: ['/admin/api/reports/top-products', period],
    queryFn: ({ signal }) =>
      apiClient.get('/admin/api/reports/top-products', {
        query: { ...period, limit: 10 },
        schema: topProductsReportSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSyncActivity(period: Period) {
  return useQuery({
    queryKey: ['/admin/api/reports/sync-activity', period],
    queryFn: ({ signal }) =>
      apiClient.get('/admin/api/reports/sync-activity', {
        query: { ...period },
        schema: syncActivityReportSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
