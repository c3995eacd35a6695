/** Iran has kept +03:30 all year since 2022 (no daylight saving). */
const tehranOffsetMs = 3.5 * 3600_000;

export interface ClockSkew {
  /** Mahak's clock minus ours, in milliseconds (positive: Mahak is ahead). */
  skewMs: number;
  /** How Mahak's time was read: with its own zone, or zone-less as UTC or as Tehran time. */
  readAs: 'zoned' | 'utc' | 'tehran';
}

/**
 * Mahak's ServerTime compared with our clock at the middle of the login round trip. Mahak sends it
 * without a zone (the simulator in UTC; a Mahak server in Iran may send its local time), so a zone-less
 * value is read both ways and the nearer reading is taken: a real skew of hours would show either way.
 * undefined when the value is not a date.
 */
export function clockSkew(serverTime: string, sentAt: number, answeredAt: number): ClockSkew | undefined {
  const ours = (sentAt + answeredAt) / 2;
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(serverTime.trim());
  const asUtc = Date.parse(zoned ? serverTime : `${serverTime.trim()}Z`);
  if (Number.isNaN(asUtc)) return undefined;
  if (zoned) return { skewMs: Math.round(asUtc - ours), readAs: 'zoned' };
  const utc = asUtc - ours;
  const tehran = asUtc - tehranOffsetMs - ours;
  return Math.abs(utc) <= Math.abs(tehran)
    ? { skewMs: Math.round(utc), readAs: 'utc' }
    : { skewMs: Math.round(tehran), readAs: 'tehran' };
}
