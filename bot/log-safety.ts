// What may reach the logs: never a request's headers, never a token. pino's standard
// error serializer copies every enumerable field of an error, and the errors that cross
// the edge carry requests (restify's errors, the connector client's HTTP errors with their
// `Authorization: Bearer …` header); so errors are reduced to what explains them, requests
// to method and path, and any bearer token or JWT left in a message is masked.
import type { Logger } from 'pino';

const BEARER = /\bbearer\s+[^\s"',;]+/gi;
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)[^"'\n,}]+/gi;

/** A text with its bearer tokens, JWTs and Authorization header values masked. */
export function scrub(text: string): string {
  return text.replace(AUTH_HEADER, '$1[redacted]').replace(BEARER, 'Bearer [redacted]').replace(JWT, '[jwt]');
}

interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  statusCode?: number;
  cause?: SafeError;
}

/** An error as logged: its type, message, stack, code and status, and its cause (same treatment). */
export function safeError(value: unknown, depth = 0): SafeError | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Error) && typeof value !== 'object') return { type: typeof value, message: scrub(String(value)).slice(0, 2000) };
  const err = value as Partial<Error> & { code?: unknown; statusCode?: unknown; cause?: unknown };
  const out: SafeError = {
    type: typeof err.name === 'string' ? err.name : 'Error',
    message: typeof err.message === 'string' ? scrub(err.message).slice(0, 2000) : '',
  };
  if (typeof err.stack === 'string') out.stack = scrub(err.stack).slice(0, 8000);
  if (typeof err.code === 'string' || typeof err.code === 'number') out.code = err.code;
  if (typeof err.statusCode === 'number') out.statusCode = err.statusCode;
  if (err.cause !== undefined && depth < 3) out.cause = safeError(err.cause, depth + 1);
  return out;
}

/** A request as logged: method and path, never headers, query string or body. */
export function safeRequest(value: unknown): { method?: string; path?: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const req = value as { method?: unknown; url?: unknown };
  const url = typeof req.url === 'string' ? req.url.split('?')[0] : undefined;
  return { method: typeof req.method === 'string' ? req.method : undefined, path: url };
}

/** Keys whose values never reach the logs, wherever they appear (two levels deep). */
const REDACTED = ['headers', 'authorization', 'Authorization', 'token', 'password', 'secret'].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** The logger every part of Courtier uses: errors and requests reduced, headers and tokens removed. */
export function safeLogger(base: Logger): Logger {
  return base.child(
    {},
    {
      serializers: { err: safeError, error: safeError, req: safeRequest, request: safeRequest, res: () => undefined, response: () => undefined },
      redact: { paths: REDACTED, remove: true },
    },
  );
}
