import { describe, expect, it } from 'vitest';
import { versionFor } from '../../src/api/backlog-mutations';
import type { BacklogItem } from '../../src/live/backlog-reducer';
import { applyFilters, readFilters, writeFilters } from '../../src/features/backlog/filters';
import { anchorFor, inListOrder, previewOrder, restIndex } from '../../src/features/backlog/order';
import { renderMarkdown } from '../../src/features/backlog/Markdown';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

describe('keyboard and pointer moves', () => {
  it('previews a block at a place among the rest, and says where to put it', () => {
    expect(previewOrder(rows, ['d'], 0).map((r) => r.id)).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(previewOrder(rows, ['b', 'd'], 3).map((r) => r.id)).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(restIndex(rows, ['d'])).toBe(3);
    expect(anchorFor(rows, ['d'], 0)).toEqual({ before: 'a' });
    expect(anchorFor(rows, ['d'], 2)).toEqual({ after: 'b' });
    expect(anchorFor(rows, ['a'], 4)).toEqual({ after: 'e' });
    expect(anchorFor([{ id: 'a' }], ['a'], 0)).toEqual({ position: 'top' });
    expect(inListOrder(rows, new Set(['e', 'a', 'c']))).toEqual(['a', 'c', 'e']);
  });
});

describe('If-Match for an edit', () => {
  const cached = { id: 'x', version: 5, title: 'Nuovo titolo', estimate: 3 } as BacklogItem;

  it('sends the version seen when editing began if someone changed that field since (the server answers 412)', () => {
    expect(
      versionFor(
        {
          itemId: 'x',
          patch: { title: 'Mio' },
          base: { version: 3, values: { title: 'Vecchio' } },
        },
        cached,
      ),
    ).toBe(3);
  });

  it('sends the current version when only other fields changed meanwhile', () => {
    expect(
      versionFor(
        {
          itemId: 'x',
          patch: { title: 'Mio' },
          base: { version: 3, values: { title: 'Nuovo titolo' } },
        },
        cached,
      ),
    ).toBe(5);
    expect(versionFor({ itemId: 'x', patch: { estimate: 8 } }, cached)).toBe(5);
  });
});

describe('filters in the URL', () => {
  it('round-trips through the query string and ignores what it does not know', () => {
    const f = readFilters(
      new URLSearchParams('type=bug&label=l1&assignee=none&ready=false&q=tari&x=1&type2=z'),
    );
    expect(f).toEqual({ type: 'bug', label: 'l1', assignee: 'none', ready: false, q: 'tari' });
    expect(writeFilters(f).toString()).toBe('type=bug&label=l1&assignee=none&ready=false&q=tari');
    expect(readFilters(new URLSearchParams('type=nonsense&ready=maybe'))).toEqual({});
  });

  it('applies type, label, assignee, ready and the search matches to the cached list', () => {
    const items = [
      { id: '1', type: 'bug', labelIds: ['l1'], assigneeId: null, ready: false },
      { id: '2', type: 'story', labelIds: ['l1'], assigneeId: 'u', ready: true },
      { id: '3', type: 'bug', labelIds: [], assigneeId: null, ready: false },
    ] as BacklogItem[];
    expect(applyFilters(items, { type: 'bug', label: 'l1' }, undefined).map((i) => i.id)).toEqual([
      '1',
    ]);
    expect(applyFilters(items, { assignee: 'none' }, undefined).map((i) => i.id)).toEqual([
      '1',
      '3',
    ]);
    expect(applyFilters(items, { ready: true }, undefined).map((i) => i.id)).toEqual(['2']);
    expect(applyFilters(items, { q: 'tari' }, new Set(['3'])).map((i) => i.id)).toEqual(['3']);
  });
});

describe('descriptions in Markdown', () => {
  it('renders Markdown and removes what could run', () => {
    const html = renderMarkdown(
      '**Modulo** [sito](https://comune.example)\n<img src=x onerror="alert(1)"><script>alert(2)</script>[x](javascript:alert(3))',
    );
    expect(html).toContain('<strong>Modulo</strong>');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toMatch(/onerror|<script|javascript:/);
  });
});
