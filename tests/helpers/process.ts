import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

/** The compiled CLI (`npm run build`), which tests that run `mandat …` start. */
export const CLI_MAIN = join(projectRoot(), 'dist', 'server', 'cli', 'main.js');

/**
 * Called at the top of a test file that runs compiled code (the CLI unless another file is named):
 * a missing build fails the file with this message, never skips it (`npm test` builds first).
 */
export function requireBuild(file = CLI_MAIN): void {
  if (!existsSync(file)) {
    throw new Error(
      `${relative(projectRoot(), file)} is missing: these tests run the compiled server; run \`npm run build\` first (\`npm test\` does)`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/** Starts `mandat serve` on a database and waits until it answers its health check. */
export async function startServerProcess(databaseUrl: string, keyFile: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn('node', [join(projectRoot(), 'bin', 'mandat.js'), 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'silent', MANDAT_KEY_FILE: keyFile, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}
