import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The security headers helmet writes for these options, computed once at start.
 *
 * @fastify/helmet builds helmet's middleware again on every request (two hooks, the options
 * parsed, each header's value formatted anew), though without CSP nonces the headers never
 * change: a sizeable part of a small request's time. So helmet writes them once, on a probe
 * request to a throwaway instance, and every response gets that same set from one hook. A route
 * may still set its own (an attachment's sandboxing CSP), as before.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<[string, string | string[]][]> {
  const probe = Fastify({ logger: false });
  let written: [string, string | string[]][] = [];
  try {
    await probe.register(fastifyHelmet, { ...options, enableCSPNonces: false, global: true });
    probe.get('/', async () => '');
    // Before Fastify adds its own headers, the response holds exactly what helmet wrote.
    probe.addHook('onSend', (_request, reply, payload, done) => {
      written = Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]);
      done(null, payload);
    });
    await probe.inject({ url: '/' });
  } finally {
    await probe.close();
  }
  if (!written.some(([name]) => name === 'content-security-policy')) throw new Error('helmet wrote no Content-Security-Policy');
  return written;
}

/** Sets the headers `securityHeaders` computed on every response, first thing. */
export function registerSecurityHeaders(app: FastifyInstance, headers: [string, string | string[]][]): void {
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
