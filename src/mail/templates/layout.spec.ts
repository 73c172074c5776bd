import type { I18nService } from 'nestjs-i18n';
import type { DataSource } from 'typeorm';
import enMail from '../../i18n/en/mail.json';
import itMail from '../../i18n/it/mail.json';
import { Localizer } from '../../i18n/localizer.service';
import { escapeHtml, renderMail } from './layout';

const catalogues: Record<string, unknown> = { it: { mail: itMail }, en: { mail: enMail } };

/** The real catalogue behind the real Localizer, without Nest. */
const localizer = new Localizer(
  {
    translate: (key: string, options: { lang: string }) =>
      key
        .split('.')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part],
          catalogues[options.lang],
        ) ?? key,
  } as unknown as I18nService,
  undefined as unknown as DataSource,
);

const spec = (args: Record<string, unknown>) => ({
  publicUrl: 'https://ritmo.unione.example',
  subject: { key: 'invitation.subject', args },
  paragraphs: [{ key: 'invitation.body', args: { ...args, role: 'scrum master' } }],
  action: { label: { key: 'invitation.action' }, url: 'https://ritmo.unione.example/join#tok' },
  unsubscribeUrl: 'https://ritmo.unione.example/unsubscribe#u',
});

describe('renderMail', () => {
  const hostile = {
    inviter: '<script>alert(1)</script>',
    team: 'Tributi & "Co"\u0001x\u0000',
    workspace: "Comune d'Arte <b>",
  };

  it('escapes every value in the HTML and keeps it as typed in the text', () => {
    const mail = renderMail(localizer, 'it', spec(hostile));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Tributi &amp; &quot;Co&quot;x');
    expect(mail.html).toContain('Comune d&#39;Arte &lt;b&gt;');
    expect(mail.text).toContain(
      '<script>alert(1)</script> ti invita a far parte del team «Tributi & "Co"x»',
    );
    // Control characters are gone from both; a value cannot fake the placeholder markers.
    expect(mail.text).not.toMatch(/[\u0000\u0001]/);
    expect(mail.html).not.toMatch(/[\u0000\u0001]/);
    expect(mail.subject).toBe(
      '<script>alert(1)</script> ti invita nel team «Tributi & "Co"x» su ritmo',
    );
  });

  it('writes the link and the unsubscribe page in both parts, in the language asked', () => {
    const mail = renderMail(localizer, 'en', spec({ inviter: 'A', team: 'B', workspace: 'C' }));
    expect(mail.text).toContain('Accept the invitation:\nhttps://ritmo.unione.example/join#tok');
    expect(mail.html).toContain('href="https://ritmo.unione.example/join#tok"');
    expect(mail.text).toContain('https://ritmo.unione.example/unsubscribe#u');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain('-- \nSent by ritmo, https://ritmo.unione.example');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderMail(localizer, 'it', {
        ...spec({ inviter: 'A', team: 'B', workspace: 'C' }),
        action: { label: { key: 'invitation.action' }, url: 'javascript:alert(1)' },
      }),
    ).toThrow('Not an http(s) link');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
