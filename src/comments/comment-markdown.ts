import createDOMPurify, { type DOMPurify } from 'dompurify';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';

/** A team member a comment may mention, by the email address written after `@`. */
export interface Mentionable {
  userId: string;
  displayName: string;
}

export interface RenderedComment {
  html: string;
  /** The user ids of the members mentioned, in order of first mention, each once. */
  mentions: string[];
}

/**
 * `@` + an email address, at the start of the text or after a character that cannot end an
 * address (so `anna@comune.example` is an address, not a mention of `comune.example`).
 */
const MENTION =
  /^@([a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/i;
const MAX_MENTIONS = 50;

interface MentionToken extends Tokens.Generic {
  type: 'mention';
  email: string;
  member?: Mentionable;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * One DOMPurify over one jsdom window for the whole process, made at the first comment: loading
 * jsdom takes about half a second, which a server start should not pay; sanitizing a comment
 * then takes well under a millisecond.
 */
let purifier: Promise<DOMPurify> | undefined;
function purify(): Promise<DOMPurify> {
  purifier ??= import('jsdom').then(({ JSDOM }) => {
    const instance = createDOMPurify(new JSDOM('').window);
    // Links written in a comment open outside ritmo, without handing it the opener (as the web
    // client does for descriptions, web/src/features/backlog/Markdown.tsx).
    instance.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
    return instance;
  });
  return purifier;
}

function mentionExtension(
  members: ReadonlyMap<string, Mentionable>,
  found: string[],
): TokenizerAndRendererExtension {
  return {
    name: 'mention',
    level: 'inline',
    start(src: string) {
      const at = src.search(/(?:^|[^a-z0-9.!#$%&'*+/=?^_`{|}~-])@[a-z0-9]/i);
      if (at < 0) return undefined;
      return src[at] === '@' ? at : at + 1;
    },
    tokenizer(src: string): MentionToken | undefined {
      const match = MENTION.exec(src);
      if (!match) return undefined;
      const email = match[1].toLowerCase();
      const member = members.get(email);
      if (member && !found.includes(member.userId) && found.length < MAX_MENTIONS)
        found.push(member.userId);
      return { type: 'mention', raw: match[0], email, member };
    },
    renderer(token) {
      const { member, raw } = token as MentionToken;
      if (!member) return escapeHtml(raw);
      return `<span class="ritmo-mention" data-user-id="${escapeHtml(member.userId)}">@${escapeHtml(member.displayName)}</span>`;
    },
  };
}

/**
 * A comment as people write it (Markdown, GitHub flavour, a line break is a break) to HTML
 * that is safe to insert as it is:
 * - HTML written in the source is shown as text, never interpreted (a comment cannot forge a
 *   mention or smuggle an element); DOMPurify then removes anything that could still run
 *   (`javascript:` links, event handlers) from what marked produced;
 * - `@email` of a member of the team becomes a mention (a span naming the person, its user id
 *   in `data-user-id`); any other `@email` stays plain text, whether or not such a user exists.
 */
export async function renderComment(
  source: string,
  members: ReadonlyMap<string, Mentionable>,
): Promise<RenderedComment> {
  const mentions: string[] = [];
  const marked = new Marked({
    gfm: true,
    breaks: true,
    async: false,
    extensions: [mentionExtension(members, mentions)],
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    },
  });
  const html = marked.parse(source, { async: false });
  const clean = (await purify()).sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-user-id'],
  });
  return { html: clean.trim(), mentions };
}
