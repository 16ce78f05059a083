import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an OOXML part, one line per paragraph (`w:p`), runs joined, entities decoded. */
function partText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map(([paragraph]) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(([, text]) => text ?? '').join(''))
    .join('\n')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/**
 * A Word document opened as Word would: a zip (unzipping throws otherwise) with its content types,
 * its body (`word/document.xml`), headers and footers as text and as XML.
 */
export function openDocx(bytes: Uint8Array): {
  parts: string[];
  document: string;
  documentXml: string;
  headers: string[];
  footers: string[];
  footerXml: string[];
} {
  const files = unzipSync(bytes);
  const xml = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const named = (pattern: RegExp) =>
    Object.keys(files)
      .filter((name) => pattern.test(name))
      .sort();
  const documentXml = xml('word/document.xml');
  return {
    parts: Object.keys(files).sort(),
    document: partText(documentXml),
    documentXml,
    headers: named(/^word\/header\d+\.xml$/).map((name) => partText(xml(name))),
    footers: named(/^word\/footer\d+\.xml$/).map((name) => partText(xml(name))),
    footerXml: named(/^word\/footer\d+\.xml$/).map(xml),
  };
}
