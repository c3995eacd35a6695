import Box from '@mui/material/Box';

/**
 * A payload as a clerk can read it: one key per line, nested objects indented, arrays numbered from 1,
 * Persian text laid out right to left inside the left-to-right structure. Keys stay as Mahak or Hamgam
 * named them (support reads them back). `label` names the box for screen readers.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <Box
      dir="ltr"
      data-testid="payload"
      // A scrolling box: reachable by keyboard to scroll it (axe «scrollable-region-focusable»).
      tabIndex={0}
      role="region"
      aria-label={label}
      sx={{
        fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
        fontSize: 13,
        bgcolor: 'grey.50',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        p: 1.5,
        overflow: 'auto',
        maxHeight: 360,
        // 'start' of this left-to-right box; a physical 'left' would be flipped by the RTL style plugin.
        textAlign: 'start',
      }}
    >
      <Node value={value} />
    </Box>
  );
}

function Node({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <Scalar value="[]" />;
    return <Entries entries={value.map((v, i) => [`${i + 1}.`, v])} />;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <Scalar value="{}" />;
    return <Entries entries={entries} />;
  }
  return <Scalar value={value} />;
}

function Entries({ entries }: { entries: [string, unknown][] }) {
  return (
    <Box component="dl" sx={{ m: 0 }}>
      {entries.map(([key, v]) => {
        const nested = v !== null && typeof v === 'object';
        return (
          <Box key={key} sx={{ display: nested ? 'block' : 'flex', gap: 1, py: 0.25 }}>
            <Box component="dt" sx={{ color: 'primary.dark', fontWeight: 600, flexShrink: 0 }}>
              {key}
            </Box>
            <Box component="dd" sx={{ m: 0, paddingInlineStart: nested ? 2 : 0, minWidth: 0 }}>
              <Node value={v} />
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

function Scalar({ value }: { value: unknown }) {
  const text = value === null || value === undefined ? '—' : String(value);
  const color =
    typeof value === 'number' ? 'secondary.dark' : typeof value === 'boolean' ? 'info.dark' : 'text.primary';
  return (
    <Box component="span" dir="auto" sx={{ color, wordBreak: 'break-word', unicodeBidi: 'plaintext' }}>
      {text}
    </Box>
  );
}
