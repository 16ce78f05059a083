import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { mayReadDesk } from './news.policy.js';
import { publicPhotoRelease } from './news.repository.js';

/**
 * Whether a release's photo may be served to the caller: to anyone when its release is published
 * and public now (decided in SQL), to members of public information otherwise. Kept apart from
 * news.service, which stores photos through the attachments service, so the file route can ask
 * it without a cycle.
 */
export async function readableReleasePhoto(ctx: AppContext, actor: Actor | null, photoId: string): Promise<boolean> {
  if (mayReadDesk(actor)) return true;
  return (await publicPhotoRelease(ctx.database.db, photoId, ctx.now().toISOString())) !== undefined;
}
