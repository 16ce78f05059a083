import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { LoginThrottle } from '../modules/auth/login-throttle.js';
import { tilesOrigin } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import type { RouteAccess } from '../platform/policy.js';
import { RequestValidationError } from '../platform/validation.js';
import { authenticateRequest } from './http-auth.js';
import { markApiCaching } from './offline-copy.js';
import { handleError, sendProblem } from './problems.js';
import { registerPublicCache } from './public-cache.js';
import { registerReaderCache } from './reader-cache.js';
import { registerRoutes } from './routes.js';
import { registerSecurityHeaders, securityHeaders } from './security-headers.js';
import { responseSerializerCompiler } from './serializers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its gate, in registration order (for tests and the API reference). */
    declaredRoutes: DeclaredRoute[];
  }
}

/** Routes that plugins register themselves, declared public here since they cannot say so. */
const PLUGIN_PUBLIC_ROUTES = [/^\/api\/docs(\/|$)/, /^\/\*$/];

export type App = FastifyInstance;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface AppOptions {
  throttle?: LoginThrottle;
  logger?: boolean;
  /**
   * Also check every response against its zod contract, and against what zod would write, and
   * answer 500 on a mismatch. The test helpers turn it on; production trusts the compiled
   * serialisers, which write only what the contracts declare.
   */
  validateResponses?: boolean;
}

/**
 * How long a browser may keep a file of the web app. Vite names every file under assets/ by a hash
 * of its content, so a new build never reuses a name: a year, without asking again. Everything else
 * (index.html, which names the current assets, the icon) is checked with the server each time.
 */
export function webCacheControl(webRoot: string, path: string): string {
  const hashed = relative(webRoot, path).split(sep)[0] === 'assets';
  return hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'fr');

  app.setValidatorCompiler(({ schema }) => (data) => {
    const result = (schema as ZodType).safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  });
  // Responses are written by serialisers compiled once from their contracts (src/server/serializers.ts).
  app.setSerializerCompiler(responseSerializerCompiler({ validate: options.validateResponses === true }));
  app.setErrorHandler(handleError);
  // JSON (CSV for imports, files for attachments) only: any other body type is refused with 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  // CSV imports arrive as text; the route's schema decides whether a text body is acceptable.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // Attachments arrive as the file itself; their type is then decided from the content, not this header.
  app.addContentTypeParser(
    ['application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  app.decorate('declaredRoutes', [] as DeclaredRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access && PLUGIN_PUBLIC_ROUTES.some((pattern) => pattern.test(route.url))) {
      // The app's files and the API reference hold nothing of an account: open before a password change too.
      route.config = { ...route.config, access: { public: true }, beforePasswordChange: true };
    }
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy`);
    for (const method of [route.method].flat()) app.declaredRoutes.push({ method, url: route.url, access });
  });

  await app.register(fastifyCookie);
  const tiles = tilesOrigin(ctx.config);
  const headers = await securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The API reference page sets inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The mission's tile server, when one is set, and no other host (see tilesOrigin).
        imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The web app's service worker (/sw.js) and manifest, same origin only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // HSTS only means something over TLS; a reverse proxy terminating TLS should set it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  registerSecurityHeaders(app, headers);
  app.addHook('onRequest', authenticateRequest(ctx));
  registerPublicCache(app, ctx);
  registerReaderCache(app, ctx);
  app.addHook('onSend', (request, reply, payload, done) => {
    // Public data with validators says itself how it may be kept (public-cache.ts); the rest is
    // no-store but what the offline allowlist lets a device keep (offline-copy.ts).
    markApiCaching(request, reply, payload);
    done(null, payload);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Mandat API', version: ctx.config.version, description: 'API of Mandat. Errors are application/problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mandat_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await registerRoutes(app, ctx, { throttle: options.throttle ?? new LoginThrottle() });

  const webRoot = ctx.config.webRoot;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      index: 'index.html',
      // The build writes a brotli and a gzip copy beside each text file (web/precompress.ts): sent
      // by the request's Accept-Encoding, with Content-Encoding and Vary: Accept-Encoding.
      preCompressed: true,
      setHeaders: (reply, path) => reply.header('cache-control', webCacheControl(webRoot, path)),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (hasWeb && wantsPage) return reply.sendFile('index.html');
    return sendProblem(reply, request.locale, 404, 'not_found');
  });

  return app;
}
