import type { EChartsOption } from 'echarts';
import type { ChartSpec } from '../../charts';

// The full CommonJS build (the package's `require` entry), loaded at the first chart: it takes
// about a quarter of a second, which start-up need not pay.
const load = () => import('echarts');
let library: ReturnType<typeof load> | undefined;
const echarts = () => (library ??= load());

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The chart as a standalone SVG (server-side ECharts, no DOM): the same option the web client
 * draws, plus what a screen reader and a mail client need — role="img", a title and a
 * description (the chart's summary), a white background for dark viewers.
 */
export async function renderSvg(
  spec: ChartSpec<EChartsOption>,
  width = 760,
  height = 380,
): Promise<string> {
  const chart = (await echarts()).init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...spec.option, backgroundColor: '#ffffff', tooltip: undefined });
    const svg = chart.renderToSVGString();
    const open = svg.indexOf('>', svg.indexOf('<svg')) + 1;
    const head = svg
      .slice(0, open - 1)
      .concat(` role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif">`);
    return (
      head +
      `<title id="chart-title">${esc(spec.title)}</title>` +
      `<desc id="chart-desc">${esc(spec.summary)}</desc>` +
      svg.slice(open)
    );
  } finally {
    chart.dispose();
  }
}
