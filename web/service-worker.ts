import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Plugin } from 'vite';

/** Files of the build a browser never needs to keep: source maps. */
const NOT_KEPT = /\.map$/;

async function* publicFiles(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* publicFiles(path);
    else yield path;
  }
}

/**
 * Builds the service worker (web/src/sw/worker.ts) into `sw.js` at the root of the build, with the
 * list of the files it keeps: every file the build wrote (hashed names under assets/, index.html)
 * and the public files (icons, manifest); and the core of them kept at install, which the first page
 * already loaded (index.html, the scripts and styles it names, the icon and the manifest). Its version is a hash of those names and of the
 * contents of index.html and the public files: a new build is a new worker, which the browser finds
 * changed and installs beside the running one (the app then offers to reload). Emitted before the
 * build is written, so precompress.ts gives it a brotli and a gzip copy like every other text file.
 */
export function serviceWorker(): Plugin {
  let webRoot = '';
  let publicDir = '';
  return {
    name: 'mandat:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      webRoot = config.root;
      publicDir = config.publicDir;
    },
    async generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const names = Object.keys(bundle).filter((name) => !NOT_KEPT.test(name));
      for (const name of names.sort()) {
        hash.update(name);
        const item = bundle[name];
        if (name === 'index.html' && item?.type === 'asset') hash.update(item.source);
      }
      const extra: string[] = [];
      if (publicDir) {
        for await (const path of publicFiles(publicDir)) {
          const name = relative(publicDir, path).split(sep).join('/');
          extra.push(name);
          hash.update(name).update(await readFile(path));
        }
      }
      if (!names.includes('index.html')) names.push('index.html');
      const files = [...names, ...extra.sort()].map((name) => `/${name}`);
      const version = hash.digest('base64url').slice(0, 16);
      // What the first page already loaded (in the browser's cache): kept at install, at no cost to the link.
      const html = bundle['index.html'];
      const linked =
        html?.type === 'asset' ? [...String(html.source).matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '') : [];
      const core = ['/index.html', '/favicon.svg', '/manifest.webmanifest', ...linked].filter((file) => files.includes(file));
      const output = await build({
        configFile: false,
        root: webRoot,
        publicDir: false,
        logLevel: 'warn',
        define: { __PRECACHE__: JSON.stringify({ version, files, core }) },
        build: {
          write: false,
          copyPublicDir: false,
          emptyOutDir: false,
          minify: true,
          lib: { entry: resolve(webRoot, 'src/sw/worker.ts'), formats: ['iife'], name: 'mandatWorker', fileName: () => 'sw.js' },
        },
      });
      const results = Array.isArray(output) ? output : [output];
      const chunk = results
        .flatMap((result) => ('output' in result ? result.output : []))
        .find((item) => item.type === 'chunk' && item.fileName === 'sw.js');
      if (chunk?.type !== 'chunk') throw new Error('the service worker was not built');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: chunk.code });
    },
  };
}
