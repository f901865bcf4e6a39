// What an automated look can say about a page's accessibility, run inside the page by
// tests/helpers/browser.ts (a11yProblems): every control labelled, every button and link named,
// images with alt text, one h1, the language set, and text contrast at WCAG AA (4.5:1, or 3:1 for
// large text) against the background it is drawn on. Type-checked with the DOM by web/tsconfig.json.
(() => {
  /** @type {string[]} */
  const problems = [];
  const short = (/** @type {Element} */ el) => el.outerHTML.slice(0, 100);
  const visible = (/** @type {Element} */ el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('.sr-only, [hidden], details:not([open]) > :not(summary)');
  };
  if (!document.documentElement.lang) problems.push('<html> has no lang');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements (want 1)`);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const input = /** @type {HTMLInputElement} */ (el);
    if (input.type === 'hidden') continue;
    if (!(input.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'))) problems.push(`unlabelled control ${short(el)}`);
  }
  for (const el of document.querySelectorAll('button, a[href], summary')) {
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || /** @type {HTMLImageElement | null} */ (el.querySelector('img[alt]'))?.alt;
    if (!name) problems.push(`no accessible name: ${short(el)}`);
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`img without alt: ${short(img)}`);

  /** @returns {[number, number, number, number]} */
  const rgba = (/** @type {string} */ c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  };
  const channel = (/** @type {number} */ v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = (/** @type {number[]} */ [r = 0, g = 0, b = 0]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  /** The colour behind an element: its own and its ancestors' backgrounds, blended, on white. */
  const background = (/** @type {Element | null} */ el) => {
    /** @type {number[][]} */
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => (c[i] ?? 0) * (c[3] ?? 1) + v * (1 - (c[3] ?? 1)));
    return out;
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent?.trim();
    // Disabled controls are exempt (WCAG 1.4.3); uPlot's legend sits on the page background like any text.
    if (!el || !text || !visible(el) || el.closest('button:disabled, canvas')) continue;
    const s = getComputedStyle(el);
    const fg = rgba(s.color);
    const bg = background(el);
    const fgOnBg = fg.slice(0, 3).map((v, i) => v * fg[3] + (bg[i] ?? 255) * (1 - fg[3]));
    const [a, b] = [lum(fgOnBg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const px = parseFloat(s.fontSize);
    const large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const key = `${s.color}|${bg.join(',')}|${need}`;
    if (ratio < need && !seen.has(key)) {
      seen.add(key);
      problems.push(`contrast ${ratio.toFixed(2)} < ${need} for "${text.slice(0, 30)}" (${s.color} on rgb(${bg.map(Math.round).join(',')}))`);
    }
  }
  return problems;
})();
