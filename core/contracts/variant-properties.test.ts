import { describe, expect, it } from 'vitest';
import { readableLineName, variantLineName, variantPropertiesText } from './variant-properties.js';

describe('variant properties as text', () => {
  it('shows the values of Mahak’s Properties JSON', () => {
    expect(variantPropertiesText('[{"C":"1","V":"مشکی"},{"C":"2","V":"XL"}]')).toBe('مشکی، XL');
    expect(variantPropertiesText('[{"C":3,"V":"۵۰۰ گرم"}]')).toBe('۵۰۰ گرم');
  });

  it('has nothing to show for empty properties, and keeps plain text as it is', () => {
    expect(variantPropertiesText('')).toBeNull();
    expect(variantPropertiesText(null)).toBeNull();
    expect(variantPropertiesText('[]')).toBeNull();
    expect(variantPropertiesText('[{"C":"1"}]')).toBeNull();
    expect(variantPropertiesText('قرمز')).toBe('قرمز');
    expect(variantPropertiesText('[not json')).toBe('[not json');
  });

  it('names an order line by its product and variant values', () => {
    expect(variantLineName('کیف چرمی', '[{"C":"1","V":"مشکی"}]')).toBe('کیف چرمی — مشکی');
    expect(variantLineName('کیف چرمی', '')).toBe('کیف چرمی');
    expect(variantLineName('کیف چرمی', null)).toBe('کیف چرمی');
  });

  it('reads a line name stored with the raw JSON', () => {
    expect(readableLineName('کیف چرمی — [{"C":"1","V":"مشکی"}]')).toBe('کیف چرمی — مشکی');
    expect(readableLineName('کیف چرمی — مشکی')).toBe('کیف چرمی — مشکی');
    expect(readableLineName('کیف [{ broken')).toBe('کیف [{ broken');
  });
});
