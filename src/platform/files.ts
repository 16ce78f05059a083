import { crc32 } from 'node:zlib';

/**
 * The checks applied to every uploaded attachment (incident photos and documents). The type is
 * decided from the content alone, never from a declared type or a file name, and photos lose the
 * metadata that cameras and phones write into them: field photos carry GPS coordinates in EXIF,
 * which must never be stored or served.
 */

export type AttachmentKind = 'image/jpeg' | 'image/png' | 'application/pdf';

export const ATTACHMENT_KINDS = ['image/jpeg', 'image/png', 'application/pdf'] as const satisfies readonly AttachmentKind[];

/** The largest attachment accepted, in bytes (10 MiB); enforced by the caller before any parsing. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type InvalidFileReason = 'truncated' | 'malformed';

/** The content does not have the structure of its kind: the upload is refused. */
export class InvalidFileError extends Error {
  constructor(readonly reason: InvalidFileReason) {
    super(`invalid file: ${reason}`);
    this.name = 'InvalidFileError';
  }
}

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_MAGIC = [...'%PDF-'].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

/**
 * The kind of a file from its magic number, or null when it is none of the accepted kinds. PDF
 * allows `%PDF-` anywhere in the first 1024 bytes; only offset 0 is accepted here, to be strict.
 */
export function sniff(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, JPEG_MAGIC)) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, PDF_MAGIC)) return 'application/pdf';
  return null;
}

/**
 * A copy of the file without its metadata, after checking its structure.
 * Throws InvalidFileError when the structure is truncated or malformed (also when `bytes` is not of `kind`).
 */
export function stripMetadata(kind: AttachmentKind, bytes: Buffer): Buffer {
  switch (kind) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'application/pdf':
      return checkPdf(bytes);
  }
}

function byteAt(bytes: Uint8Array, index: number): number {
  const value = bytes[index];
  if (value === undefined) throw new InvalidFileError('truncated');
  return value;
}

function asciiAt(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  return (
    end - start >= text.length &&
    startsWith(
      bytes,
      [...text].map((c) => c.charCodeAt(0)),
      start,
    )
  );
}

// --- JPEG ------------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function isRestart(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7;
}

/**
 * Whether an APPn or COM segment is kept; `payload` spans the segment after its length field.
 * Kept: APP0 'JFIF' (colour space), APP2 'ICC_PROFILE' (colour profile), APP14 'Adobe' (colour
 * transform). Dropped: every other APP0–APP15 (APP1 is EXIF, with GPS, and XMP; APP2 'MPF' indexes
 * secondary images; APP13 is Photoshop/IPTC) and COM.
 */
function keepApplicationSegment(marker: number, bytes: Uint8Array, start: number, end: number): boolean {
  if (marker === APP0) return asciiAt(bytes, start, end, 'JFIF\0');
  if (marker === APP2) return asciiAt(bytes, start, end, 'ICC_PROFILE\0');
  if (marker === APP14) return asciiAt(bytes, start, end, 'Adobe');
  return false;
}

/**
 * Walks the marker segments from SOI, dropping the metadata segments, and copies every scan
 * (SOS header and its entropy-coded data) unchanged. Progressive files have several scans, with
 * table (and possibly APPn/COM) segments between them: these are walked and filtered the same way.
 * The output ends at EOI: bytes after it are dropped, as phones append secondary images there
 * (MPF previews, depth maps, motion-photo videos) that carry their own EXIF.
 */
function stripJpeg(bytes: Buffer): Buffer {
  if (bytes.length < 2) throw new InvalidFileError('truncated');
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new InvalidFileError('malformed');
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  let frameSeen = false;
  let scanSeen = false;
  for (;;) {
    if (byteAt(bytes, pos) !== 0xff) throw new InvalidFileError('malformed');
    // Any number of 0xFF fill bytes may precede a marker.
    while (byteAt(bytes, pos + 1) === 0xff) pos++;
    const marker = byteAt(bytes, pos + 1);
    if (marker === EOI) {
      if (!scanSeen) throw new InvalidFileError('malformed');
      parts.push(bytes.subarray(pos, pos + 2));
      return Buffer.concat(parts);
    }
    if (marker === 0x01) {
      // TEM: no length, no content.
      pos += 2;
      continue;
    }
    if (marker < 0xc0 || marker === SOI || isRestart(marker)) throw new InvalidFileError('malformed');
    const length = (byteAt(bytes, pos + 2) << 8) | byteAt(bytes, pos + 3);
    if (length < 2) throw new InvalidFileError('malformed');
    const end = pos + 2 + length;
    if (end > bytes.length) throw new InvalidFileError('truncated');

    if (marker === SOS) {
      if (!frameSeen) throw new InvalidFileError('malformed');
      scanSeen = true;
      const scanEnd = endOfEntropyCodedData(bytes, end);
      parts.push(bytes.subarray(pos, scanEnd));
      pos = scanEnd;
      continue;
    }
    if (isFrameHeader(marker)) frameSeen = true;
    const metadata = (marker >= APP0 && marker <= APP15) || marker === COM;
    if (!metadata || keepApplicationSegment(marker, bytes, pos + 4, end)) parts.push(bytes.subarray(pos, end));
    pos = end;
  }
}

/**
 * The offset of the first marker after entropy-coded data starting at `start`: 0xFF is followed
 * there by 0x00 (a stuffed byte) or by RST0–RST7, which both belong to the data.
 */
function endOfEntropyCodedData(bytes: Uint8Array, start: number): number {
  let pos = start;
  for (;;) {
    const index = bytes.indexOf(0xff, pos);
    if (index < 0) throw new InvalidFileError('truncated');
    const next = byteAt(bytes, index + 1);
    if (next === 0x00 || isRestart(next)) {
      pos = index + 2;
      continue;
    }
    // Fill bytes before the marker stay with the data; the marker walk starts at the last 0xFF.
    let marker = index;
    while (byteAt(bytes, marker + 1) === 0xff) marker++;
    return marker;
  }
}

// --- PNG -------------------------------------------------------------------------------------------

/**
 * Ancillary chunks that carry metadata: text (tEXt, zTXt, iTXt, which also hold XMP and
 * ImageMagick's "Raw profile type exif"), EXIF (eXIf, and the pre-standard exIf and zxIf) and the
 * last-modification time (tIME). Every other chunk is kept.
 */
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'exIf', 'zxIf', 'tIME']);

/** The largest chunk length the PNG specification allows (2^31 − 1). */
const PNG_MAX_CHUNK_LENGTH = 0x7fffffff;

function isAsciiLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * Walks the chunks after the signature, checking each length against the buffer and each CRC,
 * and drops the metadata chunks. The first chunk must be IHDR and the walk must end with IEND;
 * bytes after IEND are dropped.
 */
function stripPng(bytes: Buffer): Buffer {
  if (!startsWith(bytes, PNG_SIGNATURE)) {
    const prefix = bytes.length < PNG_SIGNATURE.length && bytes.every((b, i) => b === PNG_SIGNATURE[i]);
    throw new InvalidFileError(prefix ? 'truncated' : 'malformed');
  }
  const parts: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE.length)];
  let pos = PNG_SIGNATURE.length;
  let first = true;
  for (;;) {
    if (pos + 8 > bytes.length) throw new InvalidFileError('truncated');
    const length = bytes.readUInt32BE(pos);
    if (length > PNG_MAX_CHUNK_LENGTH) throw new InvalidFileError('malformed');
    const typeBytes = bytes.subarray(pos + 4, pos + 8);
    if (!typeBytes.every(isAsciiLetter)) throw new InvalidFileError('malformed');
    const type = typeBytes.toString('latin1');
    const dataEnd = pos + 8 + length;
    const end = dataEnd + 4;
    if (end > bytes.length) throw new InvalidFileError('truncated');
    if (crc32(bytes.subarray(pos + 4, dataEnd)) !== bytes.readUInt32BE(dataEnd)) throw new InvalidFileError('malformed');
    if (first && (type !== 'IHDR' || length !== 13)) throw new InvalidFileError('malformed');
    first = false;
    if (type === 'IEND') {
      if (length !== 0) throw new InvalidFileError('malformed');
      parts.push(bytes.subarray(pos, end));
      return Buffer.concat(parts);
    }
    if (!PNG_METADATA_CHUNKS.has(type)) parts.push(bytes.subarray(pos, end));
    pos = end;
  }
}

// --- PDF -------------------------------------------------------------------------------------------

/** PDF white-space characters (ISO 32000-1, 7.2.2): NUL, HT, LF, FF, CR, SP. */
const PDF_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const PDF_EOF = [...'%%EOF'].map((c) => c.charCodeAt(0));
const PDF_TAIL = 1024;

/**
 * A PDF is returned unchanged once it is known to be complete: it starts with `%PDF-` and ends
 * with `%%EOF`, followed by nothing but white space, within its last 1024 bytes.
 *
 * Its metadata is NOT rewritten: the document Info dictionary (Author, Creator, Producer, dates…)
 * and any XMP metadata stream stay as uploaded, and so do images embedded in it with their own
 * EXIF. Removing them needs a PDF parser and writer (incremental updates, object streams,
 * compressed cross-reference streams), which this check does not attempt.
 */
function checkPdf(bytes: Buffer): Buffer {
  if (!startsWith(bytes, PDF_MAGIC)) throw new InvalidFileError('malformed');
  const tailStart = Math.max(0, bytes.length - PDF_TAIL);
  let end = bytes.length;
  while (end > tailStart && PDF_WHITESPACE.has(byteAt(bytes, end - 1))) end--;
  const eofStart = end - PDF_EOF.length;
  if (eofStart < tailStart || !startsWith(bytes, PDF_EOF, eofStart)) throw new InvalidFileError('truncated');
  return bytes;
}
