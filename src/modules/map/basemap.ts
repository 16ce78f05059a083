import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { type Header, PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles';

/**
 * The base layer's PMTiles archive (`<data dir>/basemap.pmtiles`), read where it lies: the header,
 * the directories and each tile are byte ranges of the file, read on demand. An archive replaced
 * or removed is noticed at the next request (its size and time of change are its version).
 */

/** Raster tiles the browser draws as images; an archive of vector tiles is no base layer. */
const MEDIA_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

/** Byte ranges of a file on disk, opened for each read so that a replaced file is never half-read through an old handle. */
class FileRanges implements Source {
  constructor(
    private readonly path: string,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const handle = await open(this.path, 'r');
    try {
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle.read(bytes, 0, length, offset);
      return { data: bytes.buffer.slice(0, bytesRead) };
    } finally {
      await handle.close();
    }
  }
}

export interface Basemap {
  /** Changes whenever the file does. */
  version: string;
  mediaType: string;
  header: Header;
  /** The archive's own credit (its metadata's `attribution`), as plain text. */
  attribution: string;
  archive: PMTiles;
}

const opened = new Map<string, { stamp: string; basemap: Promise<Basemap | null> }>();

/** The archive at `path`, or null when there is none or it holds no raster tiles. */
export async function basemapAt(path: string): Promise<Basemap | null> {
  const file = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!file?.isFile()) {
    opened.delete(path);
    return null;
  }
  const stamp = `${file.size}:${file.mtimeMs}`;
  const known = opened.get(path);
  if (known?.stamp === stamp) return known.basemap;
  const basemap = read(path, stamp);
  opened.set(path, { stamp, basemap });
  // A file that could not be read is tried again at the next request.
  basemap.catch(() => opened.delete(path));
  return basemap;
}

async function read(path: string, stamp: string): Promise<Basemap | null> {
  const version = createHash('sha256').update(`${path}|${stamp}`).digest('base64url').slice(0, 16);
  const archive = new PMTiles(new FileRanges(path, `${path}|${stamp}`));
  const header = await archive.getHeader();
  const mediaType = MEDIA_TYPES[header.tileType];
  if (!mediaType) return null;
  const metadata = header.jsonMetadataLength > 0 ? await archive.getMetadata() : null;
  const credit = metadata && typeof metadata === 'object' && 'attribution' in metadata ? metadata.attribution : null;
  return { version, mediaType, header, attribution: typeof credit === 'string' ? plainText(credit) : '', archive };
}

/** Archives often credit with links (`<a href="…">© OpenStreetMap</a>`): their text only, the web shows it as text. */
function plainText(credit: string): string {
  return credit
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
