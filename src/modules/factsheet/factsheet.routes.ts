import { z } from 'zod';
import { localeSchema, unitCodeSchema } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { strengthChartSvg } from './chart.js';
import { factsheetPdfs } from './factsheet.cache.js';
import { buildFactsheet } from './factsheet.service.js';

const tags = ['factsheet'];
const querystring = z.strictObject({ lang: localeSchema.optional(), section: unitCodeSchema.optional() });

export function factsheetRoutes(app: Router, ctx: AppContext): void {
  const pdfs = factsheetPdfs(ctx);
  app.get(
    '/api/factsheet.pdf',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'The fiche d’information as PDF, for the mission or one section (public data only)', querystring },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      // Built off the event loop, once per version of the public data (factsheet.cache.ts).
      const pdf = await pdfs.pdf(locale, request.query.section);
      // Signed-in exports are audited; anonymous downloads of the public sheet are not, so that
      // visitors cannot fill the audit log.
      if (request.auth) {
        await recordAudit(ctx, request.auth.actor, {
          action: 'factsheet.export',
          recordType: 'factsheet',
          recordId: request.query.section ?? 'mission',
          details: { locale },
        });
      }
      const name = `fiche-${(request.query.section ?? 'minusma').toLowerCase()}-${locale}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
    },
  );

  app.get(
    '/api/factsheet/strength.svg',
    {
      // Drawn from public data alone: the same for every reader.
      config: { access: { public: true }, cache: { versionedBy: 'public data', sameFor: 'everyone' } },
      schema: { tags, summary: 'Chart: authorised against deployed strength (SVG)', querystring },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      const sheet = await buildFactsheet(ctx, locale, request.query.section);
      return reply.type('image/svg+xml').send(strengthChartSvg(sheet.strength, locale));
    },
  );
}
