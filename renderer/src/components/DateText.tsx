import { formatDate, formatDateTime, formatRelativeTime, type DateInput } from '../lib/format';

interface DateTextProps {
  value: DateInput | null | undefined;
  /** date: ۱۴۰۳/۰۱/۰۵, datetime: ۱۴۰۳/۰۱/۰۵ ۱۴:۳۰, relative: ۵ دقیقه پیش (exact time on hover). */
  variant?: 'date' | 'datetime' | 'relative';
}

/** A Jalali date in a <time> element whose machine-readable value is the ISO instant. */
export function DateText({ value, variant = 'datetime' }: DateTextProps) {
  if (value === null || value === undefined || value === '') return <span>—</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>—</span>;
  const text =
    variant === 'date'
      ? formatDate(date)
      : variant === 'relative'
        ? formatRelativeTime(date)
        : formatDateTime(date);
  return (
    <time
      dateTime={date.toISOString()}
      title={variant === 'relative' ? formatDateTime(date) : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {text}
    </time>
  );
}
