/**
 * Functions a browser test runs inside the page (locator.evaluate). Built with `new Function` so the
 * tests need no DOM types: Playwright calls a function's source, while a string is only evaluated
 * (a string «(el) => …» came back undefined, and a check on its text passed on «undefined»).
 */

/** An element's text without the parts set apart left to right (codes, ids, system text for support). */
export const textWithoutLatinParts = new Function(
  'el',
  'const c = el.cloneNode(true); c.querySelectorAll(\'bdi[dir="ltr"], [data-latin]\').forEach((n) => n.remove()); ' +
    'document.body.appendChild(c); const t = c.innerText; c.remove(); return t;',
) as (el: unknown) => string;

/**
 * How many lines an element's text takes: its text's boxes by distinct top (one line can hold several
 * boxes where Persian and digits alternate).
 */
export const lineCount = new Function(
  'el',
  'const r = document.createRange(); r.selectNodeContents(el); ' +
    'return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;',
) as (el: unknown) => number;

/** The boxes of a chart axis' tick labels (x-charts), as drawn. */
export const tickLabelBoxes = new Function(
  'axis',
  'return [...axis.querySelectorAll(".MuiChartsAxis-tickLabel")].map((t) => t.getBoundingClientRect())' +
    '.filter((b) => b.width > 0).map((b) => ({ left: b.left, right: b.right, top: b.top }));',
) as (axis: unknown) => { left: number; right: number; top: number }[];

/** How many lines an element's own text takes, counting only text (not an empty ripple or icon box). */
export const textLineCount = new Function(
  'el',
  'const r = document.createRange(); const tops = new Set(); ' +
    'const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); let n; ' +
    'while ((n = w.nextNode())) { if (!n.textContent.trim()) continue; r.selectNodeContents(n); ' +
    'for (const b of r.getClientRects()) tops.add(Math.round(b.top)); } return tops.size;',
) as (el: unknown) => number;
