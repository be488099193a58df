import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '@/hooks/use-theme';
import { afterNextPaint } from '@/lib/after-paint';

interface SparklineProps {
  /** x in ms since the epoch, y the value at that time; same length. */
  times: number[];
  values: number[];
  /** A CSS custom property holding a #rrggbb colour, e.g. `--chart-rooms`. */
  colorVar: string;
  label: string;
  height?: number;
}

function toPlotData(times: number[], values: number[]): uPlot.AlignedData {
  return [times.map((t) => t / 1000), values];
}

function samePoints(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

/** A tiny axis-less line chart; canvas colours follow the theme, size follows the container. */
export function Sparkline({ times, values, colorVar, label, height = 44 }: SparklineProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const data = useMemo(() => toPlotData(times, values), [times, values]);
  // The latest data for a rebuild on theme change, without rebuilding on every refetch.
  const dataRef = useRef(data);
  const { theme } = useTheme();

  // (Re)build on theme change: canvas strokes do not follow CSS variables by themselves.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const color = getComputedStyle(container).getPropertyValue(colorVar).trim() || '#3b82f6';
    const plot = new uPlot(
      {
        width: container.clientWidth || 200,
        height,
        pxAlign: false,
        cursor: { show: false },
        legend: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: color, width: 1.75, fill: `${color}26`, points: { show: false } }],
      },
      dataRef.current,
      container,
    );
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: container.clientWidth, height }));
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [theme, colorVar, height]);

  // A redraw is a full canvas repaint: none when a refetch brought the same points, and otherwise
  // after the next paint, so it never holds up the frame showing a stream update elsewhere on the page
  // (refetches in a burst still get one redraw each at most).
  useEffect(() => {
    if (samePoints(dataRef.current, data)) return;
    dataRef.current = data;
    return afterNextPaint(() => plotRef.current?.setData(data));
  }, [data]);

  const summary =
    values.length > 0 ? `${label}: from ${values[0]} to ${values[values.length - 1]}, peak ${Math.max(...values)}` : label;
  return <div className="sparkline" ref={containerRef} role="img" aria-label={summary} style={{ height }} />;
}
