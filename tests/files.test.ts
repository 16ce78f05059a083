import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ATTACHMENT_KINDS, InvalidFileError, MAX_ATTACHMENT_BYTES, sniff, stripMetadata } from '../src/platform/files.js';

// --- Fixtures, built byte by byte -----------------------------------------------------------------

const ascii = (text: string) => Buffer.from(text, 'latin1');

/** A JPEG marker segment: FF, marker, big-endian length (itself included), payload. */
function segment(marker: number, payload: Uint8Array): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const APP0_JFIF = segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])]));
const APP1_EXIF = segment(0xe1, Buffer.concat([ascii('Exif\0\0MM\0*'), ascii('GPSLatitude-MARKER 12.6392N GPSLongitude-MARKER 8.0029W')]));
const APP1_XMP = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>XMP-GPS-MARKER</x:xmpmeta>'));
const APP2_ICC = segment(0xe2, Buffer.concat([ascii('ICC_PROFILE\0'), Buffer.from([1, 1]), ascii('ICC-PROFILE-BODY')]));
const APP2_FLASHPIX = segment(0xe2, ascii('FPXR\0FLASHPIX-MARKER'));
const APP13_IPTC = segment(0xed, ascii('Photoshop 3.0\0IPTC-MARKER'));
const APP14_ADOBE = segment(0xee, Buffer.concat([ascii('Adobe'), Buffer.from([0, 100, 0, 0, 0, 0, 1])]));
const COM = segment(0xfe, ascii('COMMENT-MARKER'));
const DQT = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
const SOF0 = segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
const DHT = segment(0xc4, Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0])]));
const SOS = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
/** Entropy-coded data with a stuffed 0xFF and a restart marker, which belong to the scan. */
const SCAN = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);

const METADATA_MARKERS = [
  'GPSLatitude-MARKER',
  'GPSLongitude-MARKER',
  'XMP-GPS-MARKER',
  'FLASHPIX-MARKER',
  'IPTC-MARKER',
  'COMMENT-MARKER',
  'PNG-TEXT-MARKER',
  'PNG-ZTXT-MARKER',
  'PNG-ITXT-MARKER',
  'PNG-EXIF-GPS-MARKER',
];

const jpeg = Buffer.concat([
  SOI,
  APP0_JFIF,
  APP1_EXIF,
  APP1_XMP,
  APP2_ICC,
  APP2_FLASHPIX,
  APP13_IPTC,
  APP14_ADOBE,
  COM,
  DQT,
  SOF0,
  DHT,
  SOS,
  SCAN,
  EOI,
]);

/** A PNG chunk: big-endian length, type, data, CRC32 of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([ascii(type), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
const PHYS = chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));
const TEXT = chunk('tEXt', ascii('Comment\0PNG-TEXT-MARKER'));
const ZTXT = chunk('zTXt', Buffer.concat([ascii('Raw profile type exif\0\0'), ascii('PNG-ZTXT-MARKER')]));
const ITXT = chunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0PNG-ITXT-MARKER'));
const EXIF = chunk('eXIf', Buffer.concat([ascii('MM\0*'), ascii('PNG-EXIF-GPS-MARKER')]));
const TIME = chunk('tIME', Buffer.from([0x07, 0xe4, 3, 14, 9, 30, 0]));
/** One RGB pixel, filter byte 0. */
const IDAT = chunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0])));
const IEND = chunk('IEND', Buffer.alloc(0));

const png = Buffer.concat([PNG_SIGNATURE, IHDR, PHYS, TEXT, ZTXT, EXIF, IDAT, ITXT, TIME, IEND]);

const pdf = ascii(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
    '3 0 obj << /Author (Field officer) >> endobj',
    'trailer << /Root 1 0 R /Info 3 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);

// --- Helpers ------------------------------------------------------------------------------------

/** The chunks of a PNG, checking lengths and CRCs as a reader would. */
function readPngChunks(bytes: Buffer): { type: string; raw: Buffer }[] {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks: { type: string; raw: Buffer }[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const end = pos + 12 + length;
    expect(end).toBeLessThanOrEqual(bytes.length);
    expect(crc32(bytes.subarray(pos + 4, pos + 8 + length))).toBe(bytes.readUInt32BE(pos + 8 + length));
    chunks.push({ type: bytes.toString('latin1', pos + 4, pos + 8), raw: bytes.subarray(pos, end) });
    pos = end;
  }
  return chunks;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}

function expectInvalid(fn: () => unknown, reason?: 'truncated' | 'malformed'): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InvalidFileError);
  if (reason) expect((error as InvalidFileError).reason).toBe(reason);
}

/** 'ok' or 'invalid'; any other exception escapes and fails the test. */
function outcome(fn: () => unknown): 'ok' | 'invalid' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof InvalidFileError) return 'invalid';
    throw error;
  }
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const contains = (haystack: Buffer, needle: Buffer) => haystack.indexOf(needle) >= 0;

// --- Tests --------------------------------------------------------------------------------------

describe('sniff', () => {
  test('detects each kind from its content', () => {
    expect(sniff(jpeg)).toBe('image/jpeg');
    expect(sniff(png)).toBe('image/png');
    expect(sniff(pdf)).toBe('application/pdf');
    expect(sniff(new Uint8Array(png))).toBe('image/png');
    expect(ATTACHMENT_KINDS).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
    expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
  });

  test('returns null for anything else, whatever it is called', () => {
    const pngNamedText = ascii('holiday.png: not an image, just text\n');
    const html = ascii('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    const svg = ascii('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const bareSvg = ascii('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    expect(sniff(pngNamedText)).toBeNull();
    expect(sniff(html)).toBeNull();
    expect(sniff(svg)).toBeNull();
    expect(sniff(bareSvg)).toBeNull();
    expect(sniff(new Uint8Array(0))).toBeNull();
  });

  test('requires the magic number at offset 0, complete', () => {
    expect(sniff(Buffer.concat([ascii(' '), pdf]))).toBeNull();
    expect(sniff(Buffer.concat([ascii('\uFEFF'), png]))).toBeNull();
    expect(sniff(jpeg.subarray(0, 2))).toBeNull();
    expect(sniff(png.subarray(0, 7))).toBeNull();
    expect(sniff(ascii('%PDF'))).toBeNull();
  });
});

describe('stripMetadata: JPEG', () => {
  const stripped = stripMetadata('image/jpeg', jpeg);

  test('removes EXIF, XMP, FlashPix, IPTC and comments', () => {
    for (const marker of METADATA_MARKERS) expect(contains(stripped, ascii(marker)), marker).toBe(false);
    expect(contains(stripped, ascii('Exif\0'))).toBe(false);
  });

  test('keeps JFIF, the ICC profile, Adobe, the tables and the scan unchanged', () => {
    const expected = Buffer.concat([SOI, APP0_JFIF, APP2_ICC, APP14_ADOBE, DQT, SOF0, DHT, SOS, SCAN, EOI]);
    expect(stripped.equals(expected)).toBe(true);
    const scan = Buffer.concat([SOS, SCAN, EOI]);
    expect(stripped.subarray(stripped.length - scan.length).equals(scan)).toBe(true);
    expect(sniff(stripped)).toBe('image/jpeg');
  });

  test('is idempotent', () => {
    expect(stripMetadata('image/jpeg', stripped).equals(stripped)).toBe(true);
  });

  test('filters metadata between the scans of a progressive file, keeps every scan', () => {
    const secondScan = Buffer.from([0x9a, 0xff, 0x00, 0xbc]);
    const progressive = Buffer.concat([SOI, APP0_JFIF, DQT, SOF0, DHT, SOS, SCAN, COM, APP1_EXIF, DHT, SOS, secondScan, EOI]);
    const out = stripMetadata('image/jpeg', progressive);
    expect(out.equals(Buffer.concat([SOI, APP0_JFIF, DQT, SOF0, DHT, SOS, SCAN, DHT, SOS, secondScan, EOI]))).toBe(true);
  });

  test('drops what follows EOI (secondary images carry their own EXIF)', () => {
    const secondary = Buffer.concat([SOI, APP1_EXIF, DQT, SOF0, DHT, SOS, SCAN, EOI]);
    const out = stripMetadata('image/jpeg', Buffer.concat([jpeg, secondary]));
    expect(out.equals(stripped)).toBe(true);
  });

  test('accepts fill bytes before a marker', () => {
    const filled = Buffer.concat([SOI, Buffer.from([0xff, 0xff]), APP0_JFIF, DQT, SOF0, DHT, SOS, SCAN, EOI]);
    expect(contains(stripMetadata('image/jpeg', filled), SCAN)).toBe(true);
  });

  test('refuses truncated and malformed structures', () => {
    expectInvalid(() => stripMetadata('image/jpeg', jpeg.subarray(0, jpeg.length - 1)), 'truncated');
    expectInvalid(() => stripMetadata('image/jpeg', jpeg.subarray(0, 30)), 'truncated');
    expectInvalid(() => stripMetadata('image/jpeg', jpeg.subarray(0, 1)), 'truncated');
    // A segment whose length runs past the end of the file.
    const long = Buffer.from(APP1_EXIF);
    long.writeUInt16BE(0xfff0, 2);
    expectInvalid(() => stripMetadata('image/jpeg', Buffer.concat([SOI, long, EOI])), 'truncated');
    // A length below 2, a non-marker where a segment should start, SOS before any frame header, no scan.
    const short = Buffer.from(COM);
    short.writeUInt16BE(1, 2);
    expectInvalid(() => stripMetadata('image/jpeg', Buffer.concat([SOI, short, DQT, SOF0, DHT, SOS, SCAN, EOI])), 'malformed');
    expectInvalid(() => stripMetadata('image/jpeg', Buffer.concat([SOI, Buffer.from([0x00]), SOF0, SOS, SCAN, EOI])), 'malformed');
    expectInvalid(() => stripMetadata('image/jpeg', Buffer.concat([SOI, DQT, DHT, SOS, SCAN, EOI])), 'malformed');
    expectInvalid(() => stripMetadata('image/jpeg', Buffer.concat([SOI, APP0_JFIF, EOI])), 'malformed');
    expectInvalid(() => stripMetadata('image/jpeg', png), 'malformed');
  });
});

describe('stripMetadata: PNG', () => {
  const stripped = stripMetadata('image/png', png);

  test('removes text, EXIF and time chunks', () => {
    for (const marker of METADATA_MARKERS) expect(contains(stripped, ascii(marker)), marker).toBe(false);
    const types = readPngChunks(stripped).map((c) => c.type);
    expect(types).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });

  test('keeps the other chunks byte for byte, and the output still parses with valid CRCs', () => {
    const chunks = readPngChunks(stripped);
    expect(chunks.map((c) => c.raw)).toEqual([IHDR, PHYS, IDAT, IEND]);
    expect(stripped.equals(Buffer.concat([PNG_SIGNATURE, IHDR, PHYS, IDAT, IEND]))).toBe(true);
    expect(stripMetadata('image/png', stripped).equals(stripped)).toBe(true);
  });

  test('drops what follows IEND', () => {
    const out = stripMetadata('image/png', Buffer.concat([png, TEXT]));
    expect(out.equals(stripped)).toBe(true);
  });

  test('refuses a wrong CRC', () => {
    const bad = Buffer.from(png);
    const idatAt = bad.indexOf(ascii('IDAT'));
    const crcAt = idatAt + 4 + bad.readUInt32BE(idatAt - 4);
    bad.writeUInt32BE((bad.readUInt32BE(crcAt) ^ 1) >>> 0, crcAt);
    expectInvalid(() => stripMetadata('image/png', bad), 'malformed');
    // A dropped chunk is checked too: metadata with a broken CRC is no less broken.
    const badText = Buffer.from(png);
    badText[badText.indexOf(ascii('PNG-TEXT-MARKER'))] = 0x58;
    expectInvalid(() => stripMetadata('image/png', badText), 'malformed');
  });

  test('refuses truncated and malformed structures', () => {
    expectInvalid(() => stripMetadata('image/png', png.subarray(0, png.length - 12)), 'truncated');
    expectInvalid(() => stripMetadata('image/png', png.subarray(0, png.length - 1)), 'truncated');
    expectInvalid(() => stripMetadata('image/png', png.subarray(0, 5)), 'truncated');
    // A chunk length that runs past the end of the file.
    const long = Buffer.from(png);
    long.writeUInt32BE(0x7ffffff0, 8 + IHDR.length);
    expectInvalid(() => stripMetadata('image/png', long), 'truncated');
    // IHDR not first, no IEND, an invalid chunk type.
    expectInvalid(() => stripMetadata('image/png', Buffer.concat([PNG_SIGNATURE, IDAT, IHDR, IEND])), 'malformed');
    expectInvalid(() => stripMetadata('image/png', Buffer.concat([PNG_SIGNATURE, IHDR, IDAT])), 'truncated');
    expectInvalid(
      () => stripMetadata('image/png', Buffer.concat([PNG_SIGNATURE, IHDR, chunk('ID4T', Buffer.alloc(1)), IEND])),
      'malformed',
    );
    expectInvalid(() => stripMetadata('image/png', jpeg), 'malformed');
  });
});

describe('stripMetadata: PDF', () => {
  test('returns a complete PDF unchanged', () => {
    expect(stripMetadata('application/pdf', pdf).equals(pdf)).toBe(true);
    const trailing = Buffer.concat([pdf, ascii('\r\n \t\n\0')]);
    expect(stripMetadata('application/pdf', trailing).equals(trailing)).toBe(true);
    expect(stripMetadata('application/pdf', ascii('%PDF-1.7\n%%EOF')).length).toBe(14);
  });

  test('refuses a PDF without %%EOF at its end', () => {
    expectInvalid(() => stripMetadata('application/pdf', pdf.subarray(0, pdf.length - 3)), 'truncated');
    expectInvalid(() => stripMetadata('application/pdf', pdf.subarray(0, pdf.length / 2)), 'truncated');
    expectInvalid(() => stripMetadata('application/pdf', Buffer.concat([pdf, ascii('garbage')])), 'truncated');
    expectInvalid(() => stripMetadata('application/pdf', Buffer.concat([pdf, Buffer.alloc(1100, 0x20)])), 'truncated');
    expectInvalid(() => stripMetadata('application/pdf', ascii('%PDF-')), 'truncated');
    expectInvalid(() => stripMetadata('application/pdf', ascii('<html>%%EOF')), 'malformed');
  });
});

describe('stripMetadata on damaged input', () => {
  const samples = [
    ['JPEG', 'image/jpeg', jpeg],
    ['PNG', 'image/png', png],
  ] as const;

  test.each(samples)('200 random truncations of the %s throw InvalidFileError, nothing else', (_name, kind, bytes) => {
    const next = random(0x5eed);
    const outcomes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const length = Math.floor(next() * bytes.length);
      outcomes.add(outcome(() => stripMetadata(kind, bytes.subarray(0, length))));
    }
    // Every strict prefix lacks its end marker (EOI, IEND).
    expect([...outcomes]).toEqual(['invalid']);
  });

  test.each(samples)('200 random corruptions of the %s either return a buffer or throw InvalidFileError', (_name, kind, bytes) => {
    const next = random(0xc0ffee);
    for (let i = 0; i < 200; i++) {
      const damaged = Buffer.from(bytes);
      const flips = 1 + Math.floor(next() * 4);
      for (let f = 0; f < flips; f++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      let result: Buffer | undefined;
      if (outcome(() => (result = stripMetadata(kind, damaged))) === 'ok') expect(Buffer.isBuffer(result)).toBe(true);
    }
  });
});
