import { JSDOM } from 'jsdom';
import { renderComment, type Mentionable } from './comment-markdown';

/** What in an HTML fragment could run or pretend: parsed, as a browser would. */
function dangers(html: string): string[] {
  const { document } = new JSDOM(`<body>${html}</body>`).window as unknown as {
    document: { body: { querySelectorAll(s: string): ArrayLike<DomElement> } };
  };
  const found: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'svg', 'object', 'embed', 'style', 'form'].includes(tag))
      found.push(tag);
    if (el.getAttribute('data-user-id') === 'u9') found.push('forged mention');
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on')) found.push(attr.name);
      if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(attr.value);
    }
  }
  return found;
}

interface DomElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
}

const MARIO = { userId: '0b6c1c1e-8a39-4b8e-9a57-2f1f4a3c9d10', displayName: 'Mario Rossi' };
const members = new Map<string, Mentionable>([['mario.rossi@comune.example', MARIO]]);
const render = (source: string) => renderComment(source, members);

describe('renderComment', () => {
  it('renders Markdown (GitHub flavour, line breaks kept)', async () => {
    const { html } = await render('**Modulo B** firmato\nda _protocollare_\n\n- uno\n- due');
    expect(html).toBe(
      '<p><strong>Modulo B</strong> firmato<br>da <em>protocollare</em></p>\n<ul>\n<li>uno</li>\n<li>due</li>\n</ul>',
    );
  });

  it('resolves @email of a member to a mention, once per person, case-insensitively', async () => {
    const { html, mentions } = await render(
      '@Mario.Rossi@comune.example vedi sopra, @mario.rossi@comune.example.',
    );
    expect(mentions).toEqual([MARIO.userId]);
    expect(html).toBe(
      `<p><span class="ritmo-mention" data-user-id="${MARIO.userId}">@Mario Rossi</span> vedi sopra, ` +
        `<span class="ritmo-mention" data-user-id="${MARIO.userId}">@Mario Rossi</span>.</p>`,
    );
  });

  it('leaves @email of anyone else, and mentions in code, as text', async () => {
    const { html, mentions } = await render(
      'Scrivere a @ufficio.tributi@altro.example e `@mario.rossi@comune.example`',
    );
    expect(mentions).toEqual([]);
    expect(html).toBe(
      '<p>Scrivere a @ufficio.tributi@altro.example e <code>@mario.rossi@comune.example</code></p>',
    );
  });

  it('escapes the display name of a mention', async () => {
    const hostile = new Map([
      ['x@comune.example', { userId: 'u', displayName: '<img src=x onerror=alert(1)>' }],
    ]);
    expect((await renderComment('@x@comune.example', hostile)).html).toBe(
      '<p><span class="ritmo-mention" data-user-id="u">@&lt;img src=x onerror=alert(1)&gt;</span></p>',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    'ciao <img src=x onerror=alert(1)>',
    '[clic](javascript:alert(1))',
    '[clic](JaVaScRiPt:alert(1))',
    '[clic](&#106;avascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '![x](x" onerror="alert(1))',
    '![x](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    'testo\n\n<div onmouseover="alert(1)">blocco</div>',
    '<span class="ritmo-mention" data-user-id="u9">@Sindaco</span>',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<style>body{display:none}</style>',
    '[a](https://x.example "t" onclick="alert(1)")',
  ])('nothing of %j can run or pretend in the HTML', async (source) => {
    expect(dangers((await render(source)).html)).toEqual([]);
  });

  it('shows HTML written in the source as text', async () => {
    expect((await render('Si usa <b>grassetto</b>?')).html).toBe(
      '<p>Si usa &lt;b&gt;grassetto&lt;/b&gt;?</p>',
    );
  });

  it('opens links in a new tab without the opener', async () => {
    expect((await render('[Albo](https://comune.example/albo)')).html).toBe(
      '<p><a href="https://comune.example/albo" target="_blank" rel="noopener noreferrer nofollow">Albo</a></p>',
    );
  });
});
