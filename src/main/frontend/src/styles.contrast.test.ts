import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * WCAG AA for the colour tokens of styles.css, in both themes: 4.5:1 for text
 * on the backgrounds it is drawn on. The pairs are the ones the stylesheet
 * uses (`color` over `background`), read from the tokens, not copied here.
 */

const css = readFileSync(join(__dirname, 'styles.css'), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start === -1) throw new Error(`no ${selector} block in styles.css`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1], m[2]]));
}

const light = tokens(':root');
const themes = { light, dark: { ...light, ...tokens(":root[data-theme='dark']") } };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** `color-mix(in srgb, <colour> <share>, <over>)`: a tint laid over a background. */
function mix(colour: string, share: number, over: string): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) => Math.round(channel(colour, i) * share + channel(over, i) * (1 - share)).toString(16).padStart(2, '0'))
    .join('')}`;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_PAIRS: readonly [text: string, background: string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['text', 'warn-soft'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['accent', 'surface'],
  ['accent', 'bg'],
  ['ok', 'ok-soft'],
  ['warn', 'warn-soft'],
  ['danger', 'danger-soft'],
  ['danger', 'surface'],
];

const KINDS = ['standard', 'agent', 'sip', 'ingress', 'egress'] as const;

describe('colour tokens meet WCAG AA (4.5:1 for text)', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [theme, values] of Object.entries(themes)) {
    it.each(TEXT_PAIRS)(`${theme}: --%s on --%s`, (text, background) => {
      expect(values[text], `--${text}`).toBeDefined();
      expect(values[background], `--${background}`).toBeDefined();
      expect(contrast(values[text], values[background])).toBeGreaterThanOrEqual(4.5);
    });

    // participant-kind badges and avatars: the kind's colour on a 16% tint of itself over the surface
    it.each(KINDS)(`${theme}: --kind-%s on its own tint`, (kind) => {
      const colour = values[`kind-${kind}`];
      expect(colour).toBeDefined();
      expect(contrast(colour, mix(colour, 0.16, values.surface))).toBeGreaterThanOrEqual(4.5);
    });
  }
});
