import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));

pdfmake.addFonts({
  Roboto: {
    normal: `${FONT_DIR}/Roboto-Regular.ttf`,
    bold: `${FONT_DIR}/Roboto-Medium.ttf`,
    italics: `${FONT_DIR}/Roboto-Italic.ttf`,
    bolditalics: `${FONT_DIR}/Roboto-MediumItalic.ttf`,
  },
});
// Documents are built from Mandat's own data only: no file or URL outside the fonts is read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(FONT_DIR));

/** Renders a pdfmake document with the shipped Roboto fonts, reading no other file or URL. */
export function renderPdf(document: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(document).getBuffer();
}
