import { JSDOM } from 'jsdom';
import { velocityChart, type ChartText } from '../../charts';
import { renderSvg } from './render-svg';

const text: ChartText = {
  t: (key, params) =>
    params
      ? `${key}(${Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')})`
      : key,
  number: (value) => String(value),
  day: (date) => `d${date.slice(5)}`,
};

function parse(svg: string) {
  const parsed = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
  return parsed;
}

const texts = (doc: Document) =>
  [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? '');

describe('server-side SVG of a chart (ECharts, no DOM)', () => {
  it('renders an SVG that parses, with role="img", title, description and the data in it', async () => {
    const spec = velocityChart(
      {
        sprints: [
          { sprintId: 'a', name: 'Ciclo 1', committed: 18, completed: 6 },
          { sprintId: 'b', name: 'Ciclo <2>', committed: 12, completed: 11 },
        ],
      },
      text,
    );
    const doc = parse(await renderSvg(spec));
    const svg = doc.documentElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(doc.getElementsByTagName('title')[0].textContent).toBe('velocity');
    expect(doc.getElementsByTagName('desc')[0].textContent).toContain('last=Ciclo <2>');
    expect(texts(doc)).toEqual(
      expect.arrayContaining(['Ciclo 1', 'Ciclo <2>', '18', '6', '12', '11']),
    );
    // Decal patterns: the bars differ by more than colour.
    expect(doc.getElementsByTagName('pattern').length).toBeGreaterThan(0);
  });
});
