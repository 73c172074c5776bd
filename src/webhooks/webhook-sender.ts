import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { resolveTarget, UrlPolicy } from './ssrf';

export const DELIVERY_TIMEOUT_MS = 10_000;
const RESPONSE_BYTES_KEPT = 1024;

export interface SendResult {
  ok: boolean;
  status: number | null;
  body: string | null;
  durationMs: number;
  error: string | null;
}

/**
 * One POST, no redirects followed, connected to the address that passed the SSRF check (so a
 * DNS answer cannot change in between), 10 s timeout, the first 1 KB of the response kept.
 */
export async function send(
  target: string,
  headers: Record<string, string>,
  body: string,
  policy: UrlPolicy,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(target);
    const { address, family } = await resolveTarget(url, policy);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return await new Promise<SendResult>((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
          lookup: (_host, _options, callback) => callback(null, address, family),
          timeout: DELIVERY_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          res.on('data', (chunk: Buffer) => {
            if (kept < RESPONSE_BYTES_KEPT) {
              chunks.push(chunk);
              kept += chunk.length;
            }
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              body: Buffer.concat(chunks).subarray(0, RESPONSE_BYTES_KEPT).toString('utf8'),
              durationMs: elapsed(),
              error: status >= 300 && status < 400 ? 'redirects are not followed' : null,
            });
          });
          res.on('error', (error) =>
            resolve({
              ok: false,
              status: res.statusCode ?? null,
              body: null,
              durationMs: elapsed(),
              error: error.message,
            }),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no response within ${DELIVERY_TIMEOUT_MS / 1000} s`)),
      );
      req.on('error', (error) =>
        resolve({
          ok: false,
          status: null,
          body: null,
          durationMs: elapsed(),
          error: error.message,
        }),
      );
      req.end(body);
    });
  } catch (error) {
    return {
      ok: false,
      status: null,
      body: null,
      durationMs: elapsed(),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
