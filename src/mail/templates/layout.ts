import type { Lang } from '../../i18n/locale';
import type { Args, Localizer } from '../../i18n/localizer.service';

/** What a template produces: ready for MailOutbox.enqueue. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A sentence from the catalogue (`mail.<key>`) with its values, user-provided or not. */
export interface Line {
  key: string;
  args?: Args;
}

export interface MailSpec {
  subject: Line;
  greeting?: Line;
  paragraphs: Line[];
  /** The one button (HTML) or link line (text) of the message. */
  action?: { label: Line; url: string };
  /** Small print after the action: validity, "ignore if not for you". */
  notes?: Line[];
  /** One-click unsubscribe page: shown in the footer (the header is the caller's). */
  unsubscribeUrl?: string;
  /** The installation's address (PUBLIC_URL), named in the footer. */
  publicUrl: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Control characters (but newlines) out of a value that people typed: names, titles. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex -- that is the point
  return value.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

function cleanArgs(args: Args): Args {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      typeof value === 'string' ? clean(value) : value,
    ]),
  );
}

/**
 * The sentence as HTML: the catalogue's text and the values are escaped alike. Strings are
 * filled in as markers first, so the text around them is escaped once and each value once;
 * numbers stay numbers, formatted for the language by the localizer.
 */
function htmlLine(localizer: Localizer, lang: Lang, line: Line): string {
  const values: string[] = [];
  const marked = Object.fromEntries(
    Object.entries(line.args ?? {}).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      values.push(clean(value));
      return [name, `\u0001${values.length - 1}\u0001`];
    }),
  );
  return escapeHtml(localizer.t(lang, `mail.${line.key}`, marked)).replace(
    // eslint-disable-next-line no-control-regex -- the markers set above
    /\u0001(\d+)\u0001/g,
    (_, index: string) => escapeHtml(values[Number(index)]),
  );
}

/** Only http(s) links reach a message, whatever a value held. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`Not an http(s) link: ${parsed.protocol}`);
  return parsed.toString();
}

/**
 * Every email's one layout: the same sentences as plain text and as simple HTML (inline
 * styles, as mail clients want), the values escaped for HTML and stripped of control
 * characters for both. Texts come from src/i18n/<lang>/mail.json.
 */
export function renderMail(localizer: Localizer, lang: Lang, spec: MailSpec): MailContent {
  const text = (line: Line) => localizer.t(lang, `mail.${line.key}`, cleanArgs(line.args ?? {}));
  const html = (line: Line) => htmlLine(localizer, lang, line);
  const subject = text(spec.subject).replace(/\s+/g, ' ').trim();
  const action = spec.action && { label: spec.action.label, url: safeUrl(spec.action.url) };
  const unsubscribe = spec.unsubscribeUrl && safeUrl(spec.unsubscribeUrl);
  const footer: Line = { key: 'layout.footer', args: { url: spec.publicUrl } };

  const textParts = [
    ...(spec.greeting ? [text(spec.greeting)] : []),
    ...spec.paragraphs.map(text),
    ...(action ? [`${text(action.label)}:\n${action.url}`] : []),
    ...(spec.notes ?? []).map(text),
    `-- \n${text(footer)}`,
    ...(unsubscribe ? [text({ key: 'layout.unsubscribe', args: { url: unsubscribe } })] : []),
  ];

  const p = (content: string, style = 'margin:0 0 16px') => `<p style="${style}">${content}</p>`;
  const small = 'margin:0 0 12px;color:#5c6f82;font-size:14px';
  const htmlParts = [
    ...(spec.greeting ? [p(html(spec.greeting))] : []),
    ...spec.paragraphs.map((line) => p(html(line))),
    ...(action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0066cc;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:600;display:inline-block">${html(action.label)}</a></p>`,
          p(
            `${html({ key: 'layout.linkFallback' })}<br><a href="${escapeHtml(action.url)}" style="color:#0066cc;word-break:break-all">${escapeHtml(action.url)}</a>`,
            small,
          ),
        ]
      : []),
    ...(spec.notes ?? []).map((line) => p(html(line), small)),
  ];
  const footerHtml = [
    p(html(footer), small),
    ...(unsubscribe
      ? [
          p(
            `<a href="${escapeHtml(unsubscribe)}" style="color:#5c6f82">${html({ key: 'layout.unsubscribeLink' })}</a>`,
            small,
          ),
        ]
      : []),
  ];
  const document = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f2f4f6">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:'Titillium Web',Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
${htmlParts.join('\n')}
<hr style="border:none;border-top:1px solid #d9dadb;margin:24px 0">
${footerHtml.join('\n')}
</div>
</body>
</html>
`;
  return { subject, text: `${textParts.join('\n\n')}\n`, html: document };
}
