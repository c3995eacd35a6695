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
    }),
  };
}
