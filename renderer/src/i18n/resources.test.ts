import { describe, expect, it } from 'vitest';
import { textsByNamespace, type TextTree } from './resources';

/** Every key path of a text tree: 'signIn.title', 'user.role.owner', ... */
function keysOf(tree: TextTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function emptyTexts(tree: TextTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? value.trim()
        ? []
        : [`${prefix}${key}`]
      : emptyTexts(value, `${prefix}${key}.`),
  );
}

describe.each(Object.entries(textsByNamespace))('the %s texts', (_ns, texts) => {
  it('have the same keys in Persian and English', () => {
    expect(keysOf(texts.en).sort()).toEqual(keysOf(texts.fa).sort());
  });

  it('have no empty text', () => {
    expect([...emptyTexts(texts.fa), ...emptyTexts(texts.en)]).toEqual([]);
  });

  it('write Persian with Persian digits and the Persian ی/ک, not the Arabic ي/ك', () => {
    const fa = keysOf(texts.fa).map(
      (k) => k.split('.').reduce<TextTree | string>((t, p) => (t as TextTree)[p], texts.fa) as string,
    );
    // Interpolations like {{count}} and English product words (npm, admin) are fine; bare Latin digits are not.
    expect(fa.filter((t) => /[0-9]/.test(t.replace(/\{\{[^}]*\}\}/g, '')))).toEqual([]);
    expect(fa.filter((t) => /[يك]/.test(t))).toEqual([]);
  });
});
