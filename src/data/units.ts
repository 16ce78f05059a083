import type { ReferenceUnit as Unit } from '../contracts/units.js';

/**
 * The mission's units as the MINUSMA 2020 fact book (resolution 2531 (2020)) describes them.
 * Codes are stable identifiers: records, memberships and URLs refer to them, so a code is never
 * reused or renamed once shipped. French names follow the fact book's headings.
 */
export const MINUSMA_UNITS: readonly Unit[] = [
  u(
    'MISSION',
    null,
    'leadership',
    'MINUSMA',
    'MINUSMA',
    'Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali',
    'United Nations Multidimensional Integrated Stabilization Mission in Mali',
  ),
  u(
    'OSRSG',
    'MISSION',
    'leadership',
    null,
    null,
    'Bureau du Représentant spécial du Secrétaire général',
    'Office of the Special Representative of the Secretary-General',
  ),
  u('FORCE', 'MISSION', 'component', null, null, 'Force', 'Force'),
  u('UNPOL', 'MISSION', 'component', 'UNPOL', 'UNPOL', 'Police des Nations Unies', 'United Nations Police'),
  u('CIVIL', 'MISSION', 'component', null, null, 'Composante civile (sections substantives)', 'Civilian component (substantive sections)'),
  u('PAD', 'CIVIL', 'division', null, null, 'Division des affaires politiques', 'Political Affairs Division'),
  u('MED', 'CIVIL', 'section', null, null, 'Médiation', 'Mediation'),
  u('CAD', 'CIVIL', 'division', null, null, 'Division des affaires civiles', 'Civil Affairs Division'),
  u(
    'HRPD',
    'CIVIL',
    'division',
    'DDHP',
    'HRPD',
    'Division des droits de l’homme et de la protection',
    'Human Rights and Protection Division',
  ),
  u('CPU', 'CIVIL', 'unit', null, null, 'Unité de protection de l’enfant', 'Child Protection Unit'),
  u(
    'WPA',
    'CIVIL',
    'office',
    null,
    null,
    'Bureau de la conseillère principale pour la protection des femmes',
    'Office of the Senior Women Protection Adviser',
  ),
  u('EAD', 'CIVIL', 'division', null, null, 'Division des affaires électorales', 'Electoral Affairs Division'),
  u(
    'SSR-DDR',
    'CIVIL',
    'section',
    'RSS-DDR',
    'SSR-DDR',
    'Section réforme du secteur de la sécurité (RSS) – désarmement, démobilisation et réintégration (DDR)',
    'Security Sector Reform and Disarmament, Demobilization and Reintegration Section',
  ),
  u('JCS', 'CIVIL', 'section', null, null, 'Section des affaires juridiques et pénitentiaires', 'Justice and Corrections Section'),
  u('SRS', 'CIVIL', 'section', 'S&R', 'S&R', 'Section stabilisation et relèvement', 'Stabilization and Recovery Section'),
  u('GENDER', 'CIVIL', 'unit', null, null, 'Unité genre', 'Gender Unit'),
  u('UNMAS', 'CIVIL', 'section', 'UNMAS', 'UNMAS', 'Service de la lutte antimines des Nations Unies', 'United Nations Mine Action Service'),
  u('UNV', 'CIVIL', 'unit', 'VNU', 'UNV', 'Les Volontaires des Nations Unies', 'United Nations Volunteers'),
  u('CDT', 'CIVIL', 'unit', 'CDT', 'CDT', 'Équipe conduite et discipline', 'Conduct and Discipline Team'),
  u(
    'SCPI',
    'CIVIL',
    'division',
    null,
    null,
    'Division de la communication stratégique et de l’information publique',
    'Strategic Communications and Public Information Division',
  ),
  u('DMS', 'MISSION', 'component', null, null, 'Direction de l’appui à la Mission', 'Mission Support Division'),
  u('DMS-FIN', 'DMS', 'section', null, null, 'Finance', 'Finance'),
  u('DMS-HR', 'DMS', 'section', null, null, 'Ressources humaines', 'Human Resources'),
  u('DMS-ICT', 'DMS', 'section', null, null, 'Informatique et télécommunications', 'Information and Communications Technology'),
  u('DMS-TRANS', 'DMS', 'section', null, null, 'Transport', 'Transport'),
  u('DMS-AVN', 'DMS', 'section', null, null, 'Aviation', 'Aviation'),
  u('DMS-HEALTH', 'DMS', 'section', null, null, 'Santé (infirmeries et hôpitaux de campagne)', 'Health (clinics and field hospitals)'),
  u('DMS-ENG', 'DMS', 'section', null, null, 'Ingénierie', 'Engineering'),
  u('DMS-TRAIN', 'DMS', 'unit', null, null, 'Unité de formation du personnel', 'Staff Training Unit'),
  u('DMS-SUPPLY', 'DMS', 'section', null, null, 'Approvisionnement', 'Supply'),
];

function u(
  code: string,
  parentCode: string | null,
  kind: Unit['kind'],
  abbreviationFr: string | null,
  abbreviationEn: string | null,
  nameFr: string,
  nameEn: string,
): Unit {
  return { code, parentCode, kind, nameFr, nameEn, abbreviationFr, abbreviationEn };
}
