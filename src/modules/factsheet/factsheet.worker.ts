import { renderPdfInThisThread } from './factsheet.document.js';
import type { Factsheet } from './factsheet.service.js';

/**
 * The worker thread's task (see factsheet.pdf.ts): the fiche's plain model in, the PDF bytes out.
 * It holds no database handle and reads nothing but the fonts.
 */
export default function render(sheet: Factsheet): Promise<Buffer> {
  return renderPdfInThisThread(sheet);
}
