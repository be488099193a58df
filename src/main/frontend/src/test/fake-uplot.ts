import { vi } from 'vitest';

/** Every chart built since the test began. */
export const plots: FakeUplot[] = [];

/**
 * jsdom has no canvas: stands in for uPlot (`vi.mock('uplot', () => import('@/test/fake-uplot'))`)
 * and records what would be drawn instead.
 */
export default class FakeUplot {
  data: unknown;
  destroyed = false;
  setData = vi.fn();
  constructor(_options: unknown, data: unknown) {
    this.data = data;
    plots.push(this);
  }
  setSize() {}
  destroy() {
    this.destroyed = true;
  }
}

/** A fresh start for `plots`, and the ResizeObserver jsdom lacks (charts follow their container's width). */
export function resetCharts() {
  plots.length = 0;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
}
