import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '@/hooks/use-theme';

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

  // A redraw is a full canvas repaint: refetches in a burst get one per animation frame.
  useEffect(() => {
    dataRef.current = data;
    const frame = requestAnimationFrame(() => plotRef.current?.setData(data));
    return () => cancelAnimationFrame(frame);
  }, [data]);

  const summary =
    values.length > 0 ? `${label}: from ${values[0]} to ${values[values.length - 1]}, peak ${Math.max(...values)}` : label;
  return <div className="sparkline" ref={containerRef} role="img" aria-label={summary} style={{ height }} />;
}
