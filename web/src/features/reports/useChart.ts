import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

/**
 * Draws `option` into the returned element and keeps it drawn: a new option replaces the old
 * one whole (a live refetch), the chart follows the element's width, and goes with it.
 */
export function useChart(option: EChartsOption) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    // The figure around the chart carries its name and summary (role="img"); ECharts' own
    // generated label on the inner element would only repeat it. Decals stay on.
    const aria = { ...(option.aria as object), label: { enabled: false } };
    chart.current?.setOption({ ...option, aria }, { notMerge: true });
  }, [option]);

  return ref;
}
