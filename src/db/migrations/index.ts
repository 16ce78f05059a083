import type { Migration } from 'kysely';
import type { Dialect } from '../schema.js';
import { foundation } from './2026-11-29T1300-foundation.js';
import { organisation } from './2026-11-29T1400-organisation.js';
import { strength } from './2026-11-29T1500-strength.js';
import { incidents } from './2026-11-30T0900-incidents.js';
import { keys } from './2026-11-30T1000-keys.js';
import { protection } from './2026-12-01T0900-protection.js';
import { sealedTotp } from './2026-12-01T1000-sealed-totp.js';
import { accountSecurity } from './2026-12-03T0900-account-security.js';
import { statsReleases } from './2026-12-03T1000-stats-releases.js';
import { unusedIndexes } from './2026-12-03T1100-unused-indexes.js';
import { credentialsVersion } from './2026-12-03T1300-credentials-version.js';
import { contactFree } from './2026-12-04T0900-contact-free.js';
import { notificationSettings } from './2026-12-04T1000-notification-settings.js';
import { actorRegistry } from './2026-12-04T1100-actor-registry.js';
import { unitAdmin } from './2026-12-04T1200-unit-admin.js';
import { passwordMustChange } from './2026-12-04T1300-password-must-change.js';
import { sectionProposals } from './2026-12-04T1600-section-proposals.js';
import { publicDataVersion } from './2026-12-05T0900-public-data-version.js';
import { projects } from './2026-12-05T1000-projects.js';
import { ddr } from './2026-12-05T1100-ddr.js';
import { peaceProcess } from './2026-12-05T1200-peace-process.js';
import { activities } from './2026-12-06T1000-activities.js';
import { resultsFramework } from './2026-12-06T1100-results-framework.js';
import { ddrSites } from './2026-12-06T1200-ddr-sites.js';
import { justice } from './2026-12-06T1300-justice.js';
import { publicInformation } from './2026-12-06T1400-public-information.js';
import { engagementsElections } from './2026-12-06T1500-engagements-elections.js';
import { operations } from './2026-12-06T1600-operations.js';
import { submissionKeys } from './2026-12-06T1700-submission-keys.js';
import { releasePhotos } from './2026-12-06T1800-release-photos.js';
import { indicatorProject } from './2026-12-07T1000-indicator-project.js';
import { movementsSupport } from './2026-12-07T1200-movements-support.js';
import { sitreps } from './2026-12-07T1300-sitreps.js';
import { enteredAt } from './2026-12-08T0900-entered-at.js';

/**
 * The one list of migrations, for both databases, in order. A migration is frozen once it has
 * landed: change the schema with a new entry, never by editing an old one.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '2026-11-29T1300-foundation': foundation(dialect),
    '2026-11-29T1400-organisation': organisation(),
    '2026-11-29T1500-strength': strength(),
    '2026-11-30T0900-incidents': incidents(dialect),
    '2026-11-30T1000-keys': keys(),
    '2026-12-01T0900-protection': protection(),
    '2026-12-01T1000-sealed-totp': sealedTotp(dialect),
    '2026-12-03T0900-account-security': accountSecurity(),
    '2026-12-03T1000-stats-releases': statsReleases(dialect),
    '2026-12-03T1100-unused-indexes': unusedIndexes(),
    '2026-12-03T1300-credentials-version': credentialsVersion(),
    '2026-12-04T0900-contact-free': contactFree(),
    '2026-12-04T1000-notification-settings': notificationSettings(),
    '2026-12-04T1100-actor-registry': actorRegistry(),
    '2026-12-04T1200-unit-admin': unitAdmin(),
    '2026-12-04T1300-password-must-change': passwordMustChange(),
    '2026-12-04T1600-section-proposals': sectionProposals(),
    '2026-12-05T0900-public-data-version': publicDataVersion(),
    '2026-12-05T1000-projects': projects(),
    '2026-12-05T1100-ddr': ddr(),
    '2026-12-05T1200-peace-process': peaceProcess(),
    '2026-12-06T1000-activities': activities(),
    '2026-12-06T1100-results-framework': resultsFramework(),
    '2026-12-06T1200-ddr-sites': ddrSites(),
    '2026-12-06T1300-justice': justice(),
    '2026-12-06T1400-public-information': publicInformation(),
    '2026-12-06T1500-engagements-elections': engagementsElections(),
    '2026-12-06T1600-operations': operations(),
    '2026-12-06T1700-submission-keys': submissionKeys(),
    '2026-12-06T1800-release-photos': releasePhotos(),
    '2026-12-07T1000-indicator-project': indicatorProject(),
    '2026-12-07T1200-movements-support': movementsSupport(),
    '2026-12-07T1300-sitreps': sitreps(),
    '2026-12-08T0900-entered-at': enteredAt(),
  };
}
