import { deflateSync } from 'node:zlib';
import type { IncidentInput } from '../../src/contracts/incidents.js';

/** A valid incident in Ménaka, to vary per test. */
export function incidentInput(overrides: Partial<IncidentInput> = {}): IncidentInput {
  return {
    occurredOn: '2020-07-14',
    occurredTime: '06:30',
    datePrecision: 'day',
    location: { place: 'Ménaka', precision: 'near' },
    eventType: 'violence_against_civilians',
    subEventType: 'attack',
    category: 'attack_on_civilians',
    threatToCivilians: false,
    actors: [
      { actor: 'isgs', role: 'actor1' },
      { actor: 'civilians', role: 'actor2' },
    ],
    casualties: {
      civilians: { killed: { low: 3, best: 4, high: 6 }, injured: { low: 1, best: 2, high: 2 } },
      women: { killed: { low: 1, best: 1, high: 2 } },
    },
    sources: [{ type: 'community_network', reference: 'Réseau d’alerte précoce, Ménaka', reliability: 'B', credibility: 2 }],
    title: 'Attaque contre un hameau près de Ménaka',
    description: 'Des hommes armés à moto ont attaqué le hameau ; les blessés ont été évacués vers l’hôpital de Ménaka.',
    tags: ['élevage', 'moto'],
    unit: 'FORCE',
    classification: 'internal',
    ...overrides,
  };
}

/** A minimal PNG with a tEXt chunk carrying `marker`. */
export function pngWith(marker: string): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`GPS\0${marker}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 10, 20, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
