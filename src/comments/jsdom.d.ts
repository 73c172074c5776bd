/**
 * The one part of jsdom the server uses: a window for DOMPurify (comment-markdown.ts). jsdom
 * ships no types and @types/jsdom is not installed; this says just enough.
 */
declare module 'jsdom' {
  import type { WindowLike } from 'dompurify';

  export class JSDOM {
    constructor(html?: string);
    readonly window: WindowLike;
  }
}
