import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeskPhotoList, PublicPhotoList, ReleaseDetail } from '../src/contracts/news.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { pngWith } from './helpers/incidents.js';

/**
 * The photo album of a release: each photo is stored with its metadata removed (an EXIF GPS block
 * never reaches the database), has a caption and a required credit, and is public exactly when its
 * release is — the album, the captions and the file itself; a draft's photo is not found to a
 * visitor, by the SQL of the file route, and so are its captions.
 */

const ascii = (text: string) => Buffer.from(text, 'latin1');
function segment(marker: number, payload: Uint8Array): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}
/** A small JPEG whose EXIF block holds a GPS position and a camera's owner. */
const jpegWithGps = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
  segment(0xe1, Buffer.concat([ascii('Exif\0\0MM\0*'), ascii('GPSLatitude 12.6392N GPSLongitude 8.0029W Artist CAMERA-OWNER')])),
  segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
  segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
  segment(0xc4, Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0])])),
  segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
  Buffer.from([0x12, 0x34, 0x56, 0x78]),
  Buffer.from([0xff, 0xd9]),
]);

describe.each(DIALECTS)('release photo albums (%s)', (dialect) => {
  let t: TestApp;
  let author: Session;
  let chief: Session;
  let reader: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    author = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'SCPI', role: 'officer' }] })).email);
    chief = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'SCPI', role: 'manager' }] })).email);
    reader = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'SCPI', role: 'viewer' }] })).email);
    outsider = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'PAD', role: 'manager' }] })).email);
  });
  afterAll(async () => t?.close());

  const draft = async (marker: string) => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/news/desk',
      headers: author.headers,
      payload: { titleFr: marker, summaryFr: marker, bodyFr: marker },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as ReleaseDetail;
  };
  const move = async (session: Session, release: ReleaseDetail, name: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/news/desk/${release.id}/${name}`,
      headers: session.headers,
      payload: { version: release.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReleaseDetail;
  };
  const upload = (
    session: Session | null,
    id: string,
    query: Record<string, string>,
    body: Buffer = jpegWithGps,
    type = 'image/jpeg',
    lang = 'fr',
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: 'POST',
      url: `/api/news/desk/${id}/photos?${new URLSearchParams(query)}`,
      headers: { ...(session?.headers ?? {}), 'content-type': type, 'accept-language': lang },
      payload: body,
    });
  const photo = {
    filename: 'bamako.jpg',
    captionFr: 'Réunion à Bamako',
    captionEn: 'Meeting in Bamako',
    credit: 'Photo MINUMA / A. Traoré',
  };

  test('a JPEG with an EXIF GPS block is stored and served without it; caption and credit are kept', async () => {
    const release = await draft('Album');
    const response = await upload(author, release.id, photo);
    expect(response.statusCode, response.body).toBe(201);
    const album = response.json() as DeskPhotoList;
    expect(album.photos).toHaveLength(1);
    expect(album.photos[0]).toMatchObject({
      captionFr: 'Réunion à Bamako',
      captionEn: 'Meeting in Bamako',
      credit: 'Photo MINUMA / A. Traoré',
    });
    expect(album.mayAdd).toBe(true);

    const stored = await t.ctx.database.db
      .selectFrom('attachments')
      .select(['content', 'media_type', 'record_type', 'record_id'])
      .where('id', '=', album.photos[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(stored.content);
    expect(stored).toMatchObject({ media_type: 'image/jpeg', record_type: 'news_release', record_id: release.id });
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    for (const marker of ['Exif', 'GPSLatitude', 'GPSLongitude', 'CAMERA-OWNER']) expect(bytes.includes(ascii(marker)), marker).toBe(false);

    const served = await t.app.inject({ method: 'GET', url: album.photos[0]?.url ?? '', headers: author.headers });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.includes(ascii('GPSLatitude'))).toBe(false);
  });

  test('a PNG has its text chunks removed; a PDF is refused', async () => {
    const release = await draft('Album PNG');
    const png = await upload(author, release.id, { ...photo, filename: 'x.png' }, pngWith('PNG-GPS-MARKER'), 'image/png');
    expect(png.statusCode, png.body).toBe(201);
    const id = (png.json() as DeskPhotoList).photos[0]?.id ?? '';
    const stored = await t.ctx.database.db.selectFrom('attachments').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(ascii('PNG-GPS-MARKER'))).toBe(false);

    const pdf = await upload(author, release.id, photo, ascii('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.headers['content-type']).toContain('application/problem+json');
  });

  test('the credit is required, refused in the user’s language, and nothing is stored', async () => {
    const release = await draft('Album sans crédit');
    const { credit: _credit, ...withoutCredit } = photo;
    const fr = await upload(author, release.id, withoutCredit, jpegWithGps, 'image/jpeg', 'fr');
    const en = await upload(author, release.id, { ...photo, credit: '   ' }, jpegWithGps, 'image/jpeg', 'en');
    for (const response of [fr, en]) {
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(fr.body).not.toBe(en.body);
    expect(JSON.stringify(fr.json())).toContain('credit');
    const caption = await upload(author, release.id, { ...photo, captionFr: '' });
    expect(caption.statusCode).toBe(400);
    const album = await t.app.inject({ method: 'GET', url: `/api/news/desk/${release.id}/photos`, headers: author.headers });
    expect((album.json() as DeskPhotoList).photos).toHaveLength(0);
    const files = await t.ctx.database.db.selectFrom('attachments').select('id').where('record_id', '=', release.id).execute();
    expect(files).toHaveLength(0);
  });

  test('only officers of the division add photos, and only to a draft', async () => {
    const release = await draft('Album fermé');
    expect((await upload(null, release.id, photo)).statusCode).toBe(401);
    expect((await upload(outsider, release.id, photo)).statusCode).toBe(404);
    expect((await upload(reader, release.id, photo)).statusCode).toBe(403);
    const submitted = await move(author, release, 'submit');
    expect((await upload(author, submitted.id, photo)).statusCode).toBe(409);
  });

  test('a draft album’s photos and captions are never public; once published they are', async () => {
    const canary = 'CANARY-ALBUM-CAPTION';
    let release = await draft('Album canari');
    const added = await upload(author, release.id, { ...photo, captionFr: canary, captionEn: canary, credit: `${canary}-credit` });
    expect(added.statusCode, added.body).toBe(201);
    const photoUrl = (added.json() as DeskPhotoList).photos[0]?.url ?? '';

    const publicReads = async () => {
      const urls = [
        '/api/news/releases',
        `/api/news/releases/${release.id}`,
        `/api/news/releases/${release.id}/photos`,
        '/api/news/feed/fr.atom',
        '/api/news/feed/en.atom',
        '/sitemap.xml',
        photoUrl,
      ];
      const seen: Record<string, number> = {};
      for (const session of [null, outsider]) {
        for (const url of urls) {
          const response = await t.app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
          if (url === photoUrl || url.endsWith('/photos')) seen[`${session ? 'outsider' : 'anonymous'} ${url}`] = response.statusCode;
          if (!url.endsWith('/photos') && url !== photoUrl) expect(response.body).not.toContain(canary);
          if (url.endsWith('/photos') && response.statusCode === 200) return { response, seen };
        }
      }
      return { response: null, seen };
    };

    for (const step of ['draft', 'submit', 'clear'] as const) {
      if (step === 'submit') release = await move(author, release, 'submit');
      if (step === 'clear') release = await move(chief, release, 'clear');
      const { response, seen } = await publicReads();
      expect(response, step).toBeNull();
      for (const [url, status] of Object.entries(seen)) expect(status, `${step}: ${url}`).toBe(404);
    }
    // Members of the division see the draft's photo on the desk.
    expect((await t.app.inject({ method: 'GET', url: photoUrl, headers: reader.headers })).statusCode).toBe(200);

    release = await move(author, release, 'publish');
    const album = await t.app.inject({
      method: 'GET',
      url: `/api/news/releases/${release.id}/photos`,
      headers: { 'accept-language': 'en' },
    });
    expect(album.statusCode).toBe(200);
    expect((album.json() as PublicPhotoList).photos).toEqual([
      { id: expect.any(String), caption: canary, credit: `${canary}-credit`, url: photoUrl },
    ]);
    const file = await t.app.inject({ method: 'GET', url: photoUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');

    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/news/desk/${release.id}/withdraw`,
      headers: chief.headers,
      payload: { version: release.version, reason: 'Retrait.' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: photoUrl })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/news/releases/${release.id}/photos` })).statusCode).toBe(404);
  });
});
