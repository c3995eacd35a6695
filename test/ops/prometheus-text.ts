/**
 * Just enough PromQL and Prometheus text parsing for the dashboard test: which metric names an
 * expression reads, and which names a scrape holds samples of.
 */

const keywords = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values and strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range and subquery windows ($__rate_interval included)
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // grouping labels
  const names = new Set<string>();
  for (const m of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*(\s*\()?/g)) {
    const [token, call] = [m[0].replace(/\s*\($/, ''), m[1]];
    if (call || keywords.has(token.toLowerCase())) continue;
    names.add(token);
  }
  return [...names];
}

export interface Scrape {
  /** Names that have at least one sample line (histograms as name_bucket / _sum / _count). */
  samples: Set<string>;
  /** `# TYPE` declarations: family name -> counter | gauge | histogram | summary | untyped. */
  types: Map<string, string>;
  /** Sample lines by name, for value checks. */
  lines: Map<string, { labels: Record<string, string>; value: number }[]>;
}

export function parseScrape(text: string): Scrape {
  const scrape: Scrape = { samples: new Set(), types: new Map(), lines: new Map() };
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) scrape.types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    scrape.samples.add(m[1]);
    const list = scrape.lines.get(m[1]) ?? [];
    list.push({ labels, value: Number(m[3]) });
    scrape.lines.set(m[1], list);
  }
  return scrape;
}

/** The family a sample name belongs to: a histogram's _bucket/_sum/_count lines belong to its base name. */
export function familyOf(name: string, scrape: Scrape): string | undefined {
  if (scrape.types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const type = scrape.types.get(base);
  return type === 'histogram' || type === 'summary' ? base : undefined;
}
