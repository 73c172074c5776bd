import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';
import type { echarts as ECharts } from './echarts';

type Chart = ReturnType<typeof ECharts.init>;

/** The figure around the chart carries its name and summary (role="img"); ECharts' own
 * generated label on the inner element would only repeat it. Decals stay on. */
const withoutOwnLabel = (option: EChartsOption): EChartsOption => ({
  ...option,
  aria: { ...(option.aria as object), label: { enabled: false } },
});

/**
 * Draws `option` into the returned element and keeps it drawn: a new option replaces the old
 * one whole (a live refetch), the chart follows the element's width, and goes with it.
 * ECharts is its own chunk, loaded after the page: the summaries and tables come first.
 */
export function useChart(option: EChartsOption) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart>(undefined);
  const latest = useRef(option);

  // Before the effect that draws: the option of the first render is there when ECharts comes.
  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(withoutOwnLabel(option), { notMerge: true });
  }, [option]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let gone = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts').then(({ echarts }) => {
      if (gone) return;
      const instance = echarts.init(el, undefined, { renderer: 'svg' });
      instance.setOption(withoutOwnLabel(latest.current), { notMerge: true });
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  return ref;
}
