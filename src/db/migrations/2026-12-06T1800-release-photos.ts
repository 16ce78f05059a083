import type { Kysely } from 'kysely';

/**
 * The photo album of a press release: each photo is an attachment of the release (its metadata
 * removed when stored) with a caption in French, in English if given, and a credit. A photo is
 * public exactly when its release is; it is found by its release.
 */
export function releasePhotos() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('news_photos')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('attachments.id').onDelete('cascade'))
        .addColumn('release_id', 'varchar(36)', (c) => c.notNull().references('news_releases.id').onDelete('cascade'))
        .addColumn('caption_fr', 'text', (c) => c.notNull())
        .addColumn('caption_en', 'text')
        .addColumn('credit', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
