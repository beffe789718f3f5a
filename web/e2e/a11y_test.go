package e2e_test

import "strings"

// a11yScript checks this project's own rules, beside axe-core's WCAG rules (checkAxe): the
// document's language, a label for every form control, a text alternative for every image
// and named SVG graphic, a name for every link and button, unique ids, ids that
// aria-labelledby names, and an <h1> on every page (axe counts that one best practice, not
// WCAG). It returns the problems found, in words a failing test can print as they are.
const a11yScript = `(() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang) problems.push('<html> has no lang attribute');
  const named = (el) => (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean).some(id => { const x = document.getElementById(id); return x && x.textContent.trim(); });
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const label = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label');
    if (!(label && label.textContent.trim()) && !named(el)) problems.push('form control without a label: ' + el.outerHTML.slice(0, 100));
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.getAttribute('src'));
  for (const svg of document.querySelectorAll('svg[role=img], svg[role=group]')) if (!named(svg)) problems.push('graphic without a name: ' + svg.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('a[href], button, [role=tab], [role=option]')) {
    if (!(el.textContent.trim() || named(el) || el.querySelector('img[alt]:not([alt=""])'))) problems.push('link or button without a name: ' + el.outerHTML.slice(0, 100));
  }
  const seen = new Set();
  for (const el of document.querySelectorAll('[id]')) { if (seen.has(el.id)) problems.push('duplicate id: ' + el.id); seen.add(el.id); }
  for (const el of document.querySelectorAll('[aria-labelledby]')) for (const id of el.getAttribute('aria-labelledby').split(/\s+/)) if (!document.getElementById(id)) problems.push('aria-labelledby names a missing id: ' + id);
  if (!document.querySelector('h1')) problems.push('the page has no <h1>');
  return problems;
})()`

// focusScript focuses the first element matched by the selector given as its argument and
// reports whether the focus is visible (an outline or a box shadow).
const focusVisibleScript = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'nothing has the focus';
  const st = getComputedStyle(el);
  if ((st.outlineStyle === 'none' || st.outlineWidth === '0px') && st.boxShadow === 'none') return 'no visible focus on ' + el.outerHTML.slice(0, 80);
  return '';
})()`

// checkA11y fails the test with the problems a11yScript finds on the current page, when the
// page is wider than the viewport (a horizontal scroll bar on a phone), and with every WCAG
// 2.0/2.1 A and AA violation that axe-core finds (checkAxe).
func (p *page) checkA11y(where string) {
	p.t.Helper()
	var problems []string
	p.eval(a11yScript, &problems)
	if len(problems) > 0 {
		p.fail("accessibility problems on %s:\n  %s", where, strings.Join(problems, "\n  "))
	}
	// A user's own value (a file name such as bad.csv, marked translate=no) may look like a key.
	var junk []string
	p.eval(`(() => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); for (let n = w.nextNode(); n; n = w.nextNode()) { const x = n.textContent.trim(); if (n.parentElement && n.parentElement.closest('[translate=no]')) continue; if (/^(null|undefined|NaN)$/.test(x) || /^[a-z]+(\.[a-z_]+)+$/.test(x) || /\bundefined\b|\bNaN\b|\[object Object\]/.test(x)) out.push((n.parentElement ? n.parentElement.outerHTML : x).slice(0, 100)); } return out })()`, &junk)
	if len(junk) > 0 {
		p.fail("%s shows program values instead of text:\n  %s", where, strings.Join(junk, "\n  "))
	}
	var overflow struct{ Scroll, Client int }
	p.eval(`({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`, &overflow)
	if overflow.Scroll > overflow.Client+1 {
		p.fail("%s is %d px wide in a %d px window: it scrolls sideways", where, overflow.Scroll, overflow.Client)
	}
	p.checkAxe(where)
}
