import { issueSetupToken, setupLink } from '../modules/auth/setup.service.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { type App, buildApp } from './app.js';
import { prepareContext } from './prepare.js';

/** `mandat serve`: starts the server; on a database without accounts, prints the setup link. */
export async function serve(config: Config): Promise<{ app: App; ctx: AppContext }> {
  const ctx = await prepareContext(config);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const token = await issueSetupToken(ctx);
  if (token) {
    process.stdout.write(
      `\nMandat n’a encore aucun compte. Créez le premier administrateur avec ce lien à usage unique (valable ${config.setupTokenMinutes} min) :\n` +
        `Mandat has no account yet. Create the first administrator with this one-time link (valid ${config.setupTokenMinutes} min):\n\n` +
        `  ${setupLink(ctx, token)}\n\n`,
    );
  }
  const shutdown = async () => {
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { app, ctx };
}
