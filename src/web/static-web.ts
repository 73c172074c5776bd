import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web client's CSP. Fonts, icons and styles are bundled (nothing from another origin);
 * the socket connects to this origin over ws(s). Inline `style` attributes stay forbidden.
 */
export function webCsp(host: string | undefined): string {
  // 'self' covers ws(s) of the same origin in current browsers; older ones need the host.
  const socket = host && /^[\w.:[\]-]{1,255}$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // data: for the one font Bootstrap Italia's CSS carries inline (its video player's icons).
    "font-src 'self' data:",
    `connect-src 'self'${socket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Paths the client never answers, even when nothing else does: the API's own 404 applies. */
const SERVER_PATHS = /^\/(api|health|realtime|socket\.io)(\/|$)/;
/** Vite names built assets `name-<hash>.ext`: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\//;

/** dist/web, next to the compiled server (dist/src) or, from the sources, under the repo. */
export function defaultWebRoot(): string {
  const here = resolve(__dirname);
  return here.endsWith(`${sep}dist${sep}src${sep}web`)
    ? resolve(here, '..', '..', 'web')
    : resolve(here, '..', '..', 'dist', 'web');
}

/**
 * Serves the built client at `/`: files as they are (hashed assets cached for a year),
 * every other GET that is not the server's goes to index.html (never cached) so client
 * routes survive a reload. Without a build (tests, API-only deployments) nothing is mounted.
 */
export async function mountWebClient(app: NestFastifyApplication, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    serve: false,
    decorateReply: true,
  });
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(request.url.split('?')[0]);
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    const file = normalize(path).replace(/^[/\\]+/, '');
    const full = resolve(root, file);
    const inside = full.startsWith(root + sep);
    if (inside && file !== '' && isFile(full)) {
      if (HASHED_ASSET.test(path)) {
        void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      } else {
        void reply.header('Cache-Control', 'no-cache');
      }
      return reply.sendFile(file, { cacheControl: false });
    }
    // A missing file (a typo, an old hashed asset) is a 404, not the app's page.
    if (/\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
    void reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', webCsp(request.headers.host));
    return reply.sendFile('index.html', { cacheControl: false });
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
  return true;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
