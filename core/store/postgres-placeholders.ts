/**
 * Rewrites `?` placeholders to `$1..$n` for PostgreSQL, skipping quoted strings, quoted identifiers,
 * dollar-quoted bodies and comments (so a `?` in a literal stays a `?`).
 */
export function toPgPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const skip = skipQuoted(sql, i);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
    } else if (ch === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** End index of a quoted/comment region starting at i, or i when none starts there. */
function skipQuoted(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === ch && sql[j + 1] === ch)
        j += 2; // doubled quote inside
      else if (sql[j] === ch) return j + 1;
      else j++;
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (ch === '$') {
    const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
    if (tag) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return end < 0 ? sql.length : end + tag[0].length;
    }
  }
  return i;
}
