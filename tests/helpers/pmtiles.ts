import { crc32, deflateSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

/**
 * A small PMTiles v3 archive written here, since the pmtiles package only reads them: a 127-byte
 * header, one root directory (no leaves, no compression), the metadata as JSON, then the tiles
 * one after the other in the order of their tile ids. See the PMTiles v3 specification.
 */

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  tileType?: TileType;
  metadata?: Record<string, unknown>;
  /** west, south, east, north in degrees. */
  bounds?: [number, number, number, number];
}

function varints(values: readonly number[]): number[] {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return bytes;
}

export function pmtilesArchive(tiles: readonly ArchiveTile[], options: ArchiveOptions = {}): Buffer {
  const entries = tiles.map((tile) => ({ id: zxyToTileId(tile.z, tile.x, tile.y), data: tile.data })).sort((a, b) => a.id - b.id);
  const offsets: number[] = [];
  let length = 0;
  for (const entry of entries) {
    offsets.push(length);
    length += entry.data.length;
  }
  // Ids as deltas, then run lengths, then lengths, then offsets (0: right after the previous tile, else offset + 1).
  const directory = Buffer.from([
    ...varints([entries.length]),
    ...varints(entries.map((entry, i) => entry.id - (i > 0 ? (entries[i - 1]?.id ?? 0) : 0))),
    ...varints(entries.map(() => 1)),
    ...varints(entries.map((entry) => entry.data.length)),
    ...varints(entries.map((_, i) => (i > 0 ? 0 : (offsets[0] ?? 0) + 1))),
  ]);
  const metadata = Buffer.from(JSON.stringify(options.metadata ?? {}));
  const zooms = tiles.map((tile) => tile.z);
  const [west, south, east, north] = options.bounds ?? [-180, -85, 180, 85];

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadata.length;
  u64(rootOffset, 8);
  u64(directory.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(dataOffset, 40);
  u64(0, 48);
  u64(dataOffset, 56);
  u64(length, 64);
  u64(entries.length, 72);
  u64(entries.length, 80);
  u64(entries.length, 88);
  header.writeUInt8(1, 96);
  header.writeUInt8(Compression.None, 97);
  header.writeUInt8(Compression.None, 98);
  header.writeUInt8(options.tileType ?? TileType.Png, 99);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const e7 = (degrees: number, at: number) => header.writeInt32LE(Math.round(degrees * 1e7), at);
  e7(west, 102);
  e7(south, 106);
  e7(east, 110);
  e7(north, 114);
  header.writeUInt8(Math.min(...zooms), 118);
  e7((west + east) / 2, 119);
  e7((south + north) / 2, 123);
  return Buffer.concat([header, directory, metadata, ...entries.map((entry) => entry.data)]);
}

/** A 256×256 PNG of one colour with a darker frame, so that tiles show as a grid in screenshots. */
export function pngTile(rgb: [number, number, number], frame: [number, number, number] = rgb): Buffer {
  const size = 256;
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    const row = y * (1 + size * 3);
    rows[row] = 0;
    for (let x = 0; x < size; x += 1) {
      const colour = x === 0 || y === 0 ? frame : rgb;
      rows.set(colour, row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The tiles covering a box at each zoom level, each `tile(z, x, y)`. */
export function tilesOver(
  [west, south, east, north]: [number, number, number, number],
  zooms: readonly number[],
  tile: (z: number, x: number, y: number) => Uint8Array,
): ArchiveTile[] {
  const column = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const row = (lat: number, z: number) => {
    const rad = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
  };
  const tiles: ArchiveTile[] = [];
  for (const z of zooms) {
    for (let x = column(west, z); x <= column(east, z); x += 1) {
      for (let y = row(north, z); y <= row(south, z); y += 1) tiles.push({ z, x, y, data: tile(z, x, y) });
    }
  }
  return tiles;
}
