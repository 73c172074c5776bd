import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

// Links written in a description open outside ritmo, without handing it the opener.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * A description as people write it (Markdown), rendered safely: marked turns it into HTML,
 * DOMPurify removes anything that could run (scripts, event handlers, javascript: links).
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function Markdown({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Sanitized by DOMPurify just above.
  return <div className="ritmo-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
