import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { resolveTarget, UrlPolicy } from './ssrf';

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
 * DNS answer cannot change in between), the first 1 KB of the response kept. One deadline
 * covers all of it (lookup, connect, headers, body): a receiver that trickles its answer byte
 * by byte is cut off like one that never answers.
 */
export async function send(
  target: string,
  headers: Record<string, string>,
  body: string,
  policy: UrlPolicy & { timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const late = `no complete response within ${policy.timeoutMs / 1000} s`;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(late)), policy.timeoutMs);
  try {
    const url = new URL(target);
    const resolved = resolveTarget(url, policy);
    const { address, family } = await Promise.race([
      resolved,
      new Promise<never>((_resolve, reject) =>
        deadline.signal.addEventListener('abort', () => reject(new Error(late))),
      ),
    ]);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return await new Promise<SendResult>((resolve) => {
      // The status when headers came before the deadline cut the body off.
      let status: number | null = null;
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
          lookup: (_host, _options, callback) => callback(null, address, family),
          signal: deadline.signal,
        },
        (res) => {
          status = res.statusCode ?? null;
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
          res.on('close', () => {
            if (res.complete) return;
            resolve({
              ok: false,
              status: res.statusCode ?? null,
              body: null,
              durationMs: elapsed(),
              error: deadline.signal.aborted ? late : 'the connection closed mid-response',
            });
          });
          res.on('error', (error) =>
            resolve({
              ok: false,
              status: res.statusCode ?? null,
              body: null,
              durationMs: elapsed(),
              error: deadline.signal.aborted ? late : error.message,
            }),
          );
        },
      );
      req.on('error', (error) =>
        resolve({
          ok: false,
          status,
          body: null,
          durationMs: elapsed(),
          error: deadline.signal.aborted ? late : error.message,
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
  } finally {
    clearTimeout(timer);
  }
}
