import { useTheme } from '@mui/material/styles';
import { formatNumber } from '../../lib/format';
import { dayLabel } from './report-days';

/**
 * Axes every report chart shares: the days as Jalali labels, flowing in the reading direction (right
 * to left in Persian, so «today» sits where the eye ends), numbers in the desk's digits, and the value
 * axis on the side the line starts from.
 */
export function useDayAxes() {
  const rtl = useTheme().direction === 'rtl';
  return {
    rtl,
    xAxis: (dates: string[]) => ({
      scaleType: 'band' as const,
      data: dates,
      reverse: rtl,
      valueFormatter: (d: string) => dayLabel(d),
      // A day named every few days, counted back from the period's last day so today is always
      // named: x-charts' own overlap check let thirty labels pile onto each other in Vazirmatn. The
      // step suits the half-width charts at 1280 px; the tooltip still names each bar's day, and
      // tickSpacing (px) thins the names further on a narrower window.
      tickInterval: (_: string, index: number) => (dates.length - 1 - index) % dayStep(dates.length) === 0,
      tickSpacing: 72,
      tickPlacement: 'middle' as const,
      // The axis' default 25 px leaves less room than Vazirmatn's line for «۱۰ آذر»: x-charts then
      // shortens every label to nothing and the days go unnamed.
      height: 36,
    }),
    yAxis: (
      id: string,
      format: (v: number) => string = (v) => formatNumber(v),
      side: 'start' | 'end' = 'start',
    ) => ({
      id,
      width: 'auto' as const,
      position: ((side === 'start') === rtl ? 'right' : 'left') as 'right' | 'left',
      valueFormatter: (v: number) => format(v),
      // Counts and rials are whole: a day with one error drew a tick at ½ with no name.
      tickMinStep: 1,
    }),
  };
}

/**
 * Days between two named days: each, every other, then whole weeks (a 30-day period names five days
 * a week apart, which fits even a half-width chart; «۲۸ اردیبهشت» is about 70 px wide).
 */
export const dayStep = (days: number): number => (days <= 4 ? 1 : days <= 10 ? 2 : 7 * Math.ceil(days / 42));
