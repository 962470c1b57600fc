/**
 * Readability checks run inside the page: text size and contrast of every visible text node (and of
 * what is typed into fields), the size of every tap target, and whether every field box takes focus
 * when tapped at its lower edge.
 */
import type { Page } from 'playwright-core';

export interface Violation {
  rule: 'font-size' | 'contrast' | 'tap-target';
  text: string;
  detail: string;
}

/** Minimums: WCAG 2.2 AA contrast for body text, 14 px text, 44×44 px targets (inline text excepted). */
export const MIN_FONT_PX = 14;
export const MIN_CONTRAST = 4.5;
export const MIN_TARGET_PX = 44;

/**
 * Runs in the browser. Clickable elements are found from their handlers (Taro's H5 renderer keeps
 * them on the element in `__events`; plain React in `__reactProps$…`), plus native controls.
 */
function auditInPage(limits: { font: number; contrast: number; target: number }): Violation[] {
  type RGBA = [number, number, number, number];
  const out: Violation[] = [];

  const parse = (c: string): RGBA | null => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = ([r, g, b]: RGBA) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  /** The backgrounds behind an element, composited up to an opaque one (white page at the root); one per gradient stop. */
  const backgrounds = (el: Element | null): RGBA[] => {
    const layers: RGBA[][] = [];
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      const img = cs.backgroundImage;
      if (img && img.includes('gradient')) {
        const stops = (img.match(/rgba?\([^)]+\)/g) ?? []).map((s) => parse(s)!).filter(Boolean);
        if (stops.length) {
          layers.push(stops);
          if (stops.every((s) => s[3] === 1)) break;
          continue;
        }
      }
      const bg = parse(cs.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push([bg]);
        if (bg[3] === 1) break;
      }
    }
    let result: RGBA[] = [[255, 255, 255, 1]];
    for (const layer of layers.reverse()) result = layer.flatMap((top) => result.map((bottom) => over(top, bottom)));
    return result;
  };
  const opacity = (el: Element | null) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity || 1);
    return o;
  };
  const visible = (el: Element) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true } as CheckVisibilityOptions) && el.getClientRects().length > 0;
  const label = (el: Element, text?: string) => `${(text ?? el.textContent ?? '').trim().slice(0, 30)} <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`;

  const checkText = (el: Element, text: string, color: string, fontSize: number) => {
    if (fontSize < limits.font - 0.01) out.push({ rule: 'font-size', text: label(el, text), detail: `${fontSize.toFixed(1)}px` });
    const fg = parse(color);
    if (!fg) return;
    const fgA: RGBA = [fg[0], fg[1], fg[2], fg[3] * opacity(el)];
    const worst = Math.min(...backgrounds(el).map((bg) => ratio(over(fgA, bg), bg)));
    if (worst < limits.contrast - 0.005) out.push({ rule: 'contrast', text: label(el, text), detail: `${worst.toFixed(2)}:1 (${color})` });
  };

  // Text nodes.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').trim();
    const el = n.parentElement;
    if (!text || !el || seen.has(el) || !visible(el)) continue;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE'].includes(el.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rect = range.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    seen.add(el);
    const cs = getComputedStyle(el);
    checkText(el, text, cs.color, parseFloat(cs.fontSize));
  }

  // What people type, and the placeholder that asks for it.
  for (const el of Array.from(document.querySelectorAll('input:not([type=hidden]), textarea'))) {
    if (!visible(el)) continue;
    const cs = getComputedStyle(el);
    checkText(el, (el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || '(field)', cs.color, parseFloat(cs.fontSize));
    const ph = (el as HTMLInputElement).placeholder;
    if (ph) {
      const pcs = getComputedStyle(el, '::placeholder');
      checkText(el, `placeholder: ${ph}`, pcs.color, parseFloat(pcs.fontSize));
    }
  }

  // Tap targets.
  const clickable = (el: Element): boolean => {
    if (el.matches('a[href], button, [role=button], input[type=button], input[type=submit], input[type=checkbox], input[type=radio], select')) return true;
    // Taro's H5 picker sheet binds its 取消 / 确定 natively.
    if (el.matches('.weui-picker__action')) return true;
    // Taro's H5 renderer keeps a component's handlers on the element itself, in `__events`.
    const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
    if (events && (events.click || events.tap)) return true;
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? (el as unknown as Record<string, { onClick?: unknown }>)[key] : undefined;
    return typeof props?.onClick === 'function';
  };
  /** WCAG 2.5.8's inline exception: a link inside a sentence, sized by the line it sits in. */
  const inlineInText = (el: Element): boolean => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const parent = el.parentElement;
    if (!parent) return false;
    return Array.from(parent.childNodes).some((c) => c !== el && (c.textContent ?? '').trim().length > 0);
  };
  const targets = new Set<Element>(Array.from(document.querySelectorAll('*')).filter(clickable));
  // A Picker's tap target is the box it wraps.
  for (const p of Array.from(document.querySelectorAll('taro-picker-core'))) if (p.firstElementChild) targets.add(p.firstElementChild);
  for (const el of targets) {
    if (!visible(el) || inlineInText(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < limits.target - 0.5 || r.height < limits.target - 0.5) {
      out.push({ rule: 'tap-target', text: label(el), detail: `${r.width.toFixed(0)}×${r.height.toFixed(0)}px` });
    }
  }
  return out;
}

/** Some transpilers wrap functions in a `__name` helper; functions sent to the page need it there too. */
async function withNameHelper(page: Page): Promise<void> {
  await page.evaluate('window.__name = window.__name || ((f) => f)');
}

export async function audit(page: Page): Promise<Violation[]> {
  await withNameHelper(page);
  return page.evaluate(auditInPage, { font: MIN_FONT_PX, contrast: MIN_CONTRAST, target: MIN_TARGET_PX });
}

export interface FieldTap {
  field: string;
  focused: boolean;
  box: string;
}

/**
 * Taps every visible text field at the bottom 4 px of its box (the element that draws its border)
 * and reports whether the field took focus.
 */
export async function tapFieldsAtLowerEdge(page: Page): Promise<FieldTap[]> {
  await withNameHelper(page);
  const count = await page.evaluate(() => {
    const fields = Array.from(document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')).filter(
      (el) => el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) && el.getClientRects().length > 0,
    );
    fields.forEach((el, i) => el.setAttribute('data-audit-field', String(i)));
    return fields.length;
  });
  const results: FieldTap[] = [];
  for (let i = 0; i < count; i++) {
    const field = page.locator(`[data-audit-field="${i}"]`);
    await field.evaluate((el) => {
      (document.activeElement as HTMLElement | null)?.blur();
      el.scrollIntoView({ block: 'center' });
    });
    const target = await field.evaluate((el) => {
      const bordered = (e: Element) => {
        const cs = getComputedStyle(e);
        return ['Top', 'Bottom', 'Left', 'Right'].some((s) => parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0 && cs.getPropertyValue(`border-${s.toLowerCase()}-style`) !== 'none');
      };
      let box: Element = el;
      for (let e: Element | null = el, up = 0; e && up < 4; e = e.parentElement, up++) {
        if (bordered(e)) {
          box = e;
          break;
        }
      }
      const r = box.getBoundingClientRect();
      return {
        x: r.left + r.width / 2,
        y: r.bottom - 2,
        box: `<${box.tagName.toLowerCase()} class="${box.getAttribute('class') ?? ''}"> ${Math.round(r.width)}×${Math.round(r.height)}`,
        field: `${el.tagName.toLowerCase()} "${(el as HTMLInputElement).placeholder ?? ''}"`,
      };
    });
    await page.mouse.click(target.x, target.y);
    const focused = await field.evaluate((el) => document.activeElement === el);
    results.push({ field: target.field, focused, box: target.box });
    await field.evaluate((el) => (el as HTMLElement).blur());
  }
  return results;
}
