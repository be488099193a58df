import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { plots, resetCharts } from '@/test/fake-uplot';
import { Sparkline } from './Sparkline';

vi.mock('uplot', () => import('@/test/fake-uplot'));

let frames: FrameRequestCallback[];
const paintFrame = () => frames.splice(0).forEach((frame) => frame(0));

beforeEach(() => {
  vi.useFakeTimers();
  resetCharts();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const chart = (times: number[], values: number[]) => <Sparkline times={times} values={values} colorVar="--chart-rooms" label="Rooms" />;

describe('Sparkline', () => {
  it('redraws a refetch with new points after the next paint, and skips one with the same points', () => {
    const { rerender } = render(chart([1000, 2000], [1, 2]));
    expect(plots).toHaveLength(1);
    expect(plots[0].data).toEqual([[1, 2], [1, 2]]);

    // a refetch answering the same points: new arrays, nothing to draw
    rerender(chart([1000, 2000], [1, 2]));
    act(() => {
      paintFrame();
      vi.advanceTimersByTime(100);
    });
    expect(plots[0].setData).not.toHaveBeenCalled();

    rerender(chart([1000, 2000], [1, 3]));
    expect(plots[0].setData).not.toHaveBeenCalled();
    act(() => {
      paintFrame();
      vi.advanceTimersByTime(0);
    });
    expect(plots[0].setData).toHaveBeenCalledExactlyOnceWith([[1, 2], [1, 3]]);
  });
});
