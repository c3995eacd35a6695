/**
 * A variant's Mahak Properties as people read them. Mahak keeps them as JSON text (API.md §3.4
 * ProductDetail.Properties), e.g. [{"C":"1","V":"مشکی"},{"C":"2","V":"XL"}] (C: the property's code,
 * V: its value); shown are the values, joined by the Persian comma: «مشکی، XL». Shared by the order
 * line's name (core/orders) and the desk, which imports only contracts.
 */

/** The values of a Properties JSON; null when there are none; text that is not that JSON as it is. */
export function variantPropertiesText(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (!text.startsWith('[')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return text;
    const values = parsed
      .map((p) => (p !== null && typeof p === 'object' ? (p as { V?: unknown }).V : undefined))
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      .map((v) => String(v).trim())
      .filter(Boolean);
    return values.length > 0 ? values.join('، ') : null;
  } catch {
    return text;
  }
}

/** An order line's name: «کیف چرمی — مشکی» (the product alone when the variant has no properties). */
export function variantLineName(productName: string, properties: string | null | undefined): string {
  const variant = variantPropertiesText(properties);
  return variant ? `${productName} — ${variant}` : productName;
}

/**
 * A stored line name made readable. Lines placed before the name was built from the values carry the
 * raw JSON («کیف — [{"C":"1","V":"مشکی"}]»); their snapshots are history and stay as stored, so the
 * desk reads them through this.
 */
export function readableLineName(name: string): string {
  const at = name.indexOf('[{');
  if (at < 0) return name;
  const variant = variantPropertiesText(name.slice(at));
  if (variant === null || variant === name.slice(at).trim()) return name;
  return `${name.slice(0, at)}${variant}`.trim();
}
