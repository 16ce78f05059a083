import type {
  ApiTokenTable,
  CredentialsVersionTable,
  LoginAttemptTable,
  MembershipRequestTable,
  MembershipTable,
  NotificationSettingTable,
  RecoveryCodeTable,
  SessionTable,
  SetupTokenTable,
  UnitTable,
  UserTable,
} from './schema/accounts.js';
import type { ActivityAgeBandTable, ActivityTable } from './schema/activities.js';
import type { DdrDuplicateTable, DdrKeyTable, DdrPersonTable, DdrStepTable, DdrTargetTable } from './schema/ddr.js';
import type { DdrCustodyTable, DdrSiteTable, DdrWeaponTable } from './schema/ddr-sites.js';
import type {
  ContactTable,
  ContributorTable,
  FigureTable,
  PartnerTable,
  PublicDataVersionTable,
  ResolutionTable,
  SectionPlaceTable,
  SectionProposalTable,
  SectionTable,
  SectionTextTable,
  StrengthSnapshotTable,
  TextResolutionTable,
  UnitPartnerTable,
} from './schema/factbook.js';
import type {
  ActorAliasTable,
  ActorTable,
  AlertRuleTable,
  AlertSubscriptionTable,
  AlertTable,
  AttachmentTable,
  EventTypeAliasTable,
  IncidentActorTable,
  IncidentCounterTable,
  IncidentLinkTable,
  IncidentShareTable,
  IncidentStepTable,
  IncidentTable,
} from './schema/incidents.js';
import type { JusticeAssessmentTable, JusticeFacilityTable, JusticeIncidentTable, JusticePopulationTable } from './schema/justice.js';
import type { CeasefireMovementTable, SupportRequestTable } from './schema/movements.js';
import type { NewsPhotoTable, NewsPressPointTable, NewsReleaseTable, RadioProgrammeTable } from './schema/news.js';
import type {
  CeasefireVerificationTable,
  OperationIncidentTable,
  OperationStepTable,
  OperationTable,
  OperationUnitTable,
} from './schema/operations.js';
import type { CsaAttendanceTable, CsaDecisionTable, CsaSessionTable, PeaceProvisionTable, PeaceScoreTable } from './schema/peace.js';
import type {
  CivicSessionTable,
  ElectoralEventTable,
  ElectoralIncidentLinkTable,
  ElectoralRequestTable,
  EngagementCounterpartTable,
  EngagementFollowupTable,
  EngagementReportTable,
  EngagementTable,
} from './schema/politics.js';
import type { ProjectPartnerTable, ProjectPlaceTable, ProjectStepTable, ProjectTable, ProjectTransactionTable } from './schema/projects.js';
import type {
  HotlineCallTable,
  ProtectionActTable,
  ProtectionCaseTable,
  ProtectionConsentTable,
  ProtectionCounterTable,
  ProtectionPersonTable,
  ProtectionServiceTable,
  ProtectionShareTable,
  ProtectionStatsReleaseTable,
  ProtectionStepTable,
  ProtectionTeamTable,
} from './schema/protection.js';
import type { AuditLogTable, DataKeyTable, RecordHistoryTable, SubmissionKeyTable } from './schema/records.js';
import type { FigureBindingTable, ResultIndicatorTable, ResultObjectiveTable, ResultValueTable } from './schema/results.js';
import type { SitrepRecordTable, SitrepSectionTable, SitrepTable } from './schema/situation.js';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on both
 * databases, so rows read the same on SQLite and PostgreSQL.
 */
export interface Database {
  units: UnitTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  recovery_codes: RecoveryCodeTable;
  membership_requests: MembershipRequestTable;
  setup_tokens: SetupTokenTable;
  audit_log: AuditLogTable;
  credentials_version: CredentialsVersionTable;
  notification_settings: NotificationSettingTable;
  sections: SectionTable;
  section_texts: SectionTextTable;
  partners: PartnerTable;
  unit_partners: UnitPartnerTable;
  contacts: ContactTable;
  section_places: SectionPlaceTable;
  resolutions: ResolutionTable;
  text_resolutions: TextResolutionTable;
  section_proposals: SectionProposalTable;
  figures: FigureTable;
  public_data_version: PublicDataVersionTable;
  record_history: RecordHistoryTable;
  submission_keys: SubmissionKeyTable;
  strength_snapshots: StrengthSnapshotTable;
  contributors: ContributorTable;
  actors: ActorTable;
  actor_aliases: ActorAliasTable;
  event_type_aliases: EventTypeAliasTable;
  incident_counters: IncidentCounterTable;
  incidents: IncidentTable;
  incident_actors: IncidentActorTable;
  incident_shares: IncidentShareTable;
  incident_links: IncidentLinkTable;
  incident_steps: IncidentStepTable;
  attachments: AttachmentTable;
  alert_rules: AlertRuleTable;
  alert_subscriptions: AlertSubscriptionTable;
  alerts: AlertTable;
  data_keys: DataKeyTable;
  protection_counters: ProtectionCounterTable;
  hotline_calls: HotlineCallTable;
  protection_cases: ProtectionCaseTable;
  protection_team: ProtectionTeamTable;
  protection_persons: ProtectionPersonTable;
  protection_acts: ProtectionActTable;
  protection_consents: ProtectionConsentTable;
  protection_services: ProtectionServiceTable;
  protection_shares: ProtectionShareTable;
  protection_steps: ProtectionStepTable;
  protection_stats_releases: ProtectionStatsReleaseTable;
  projects: ProjectTable;
  project_partners: ProjectPartnerTable;
  project_places: ProjectPlaceTable;
  project_transactions: ProjectTransactionTable;
  project_steps: ProjectStepTable;
  peace_provisions: PeaceProvisionTable;
  peace_scores: PeaceScoreTable;
  csa_sessions: CsaSessionTable;
  csa_attendance: CsaAttendanceTable;
  csa_decisions: CsaDecisionTable;
  engagements: EngagementTable;
  engagement_counterparts: EngagementCounterpartTable;
  engagement_followups: EngagementFollowupTable;
  engagement_reports: EngagementReportTable;
  electoral_events: ElectoralEventTable;
  electoral_requests: ElectoralRequestTable;
  civic_sessions: CivicSessionTable;
  electoral_incident_links: ElectoralIncidentLinkTable;
  ddr_persons: DdrPersonTable;
  ddr_steps: DdrStepTable;
  ddr_keys: DdrKeyTable;
  ddr_duplicates: DdrDuplicateTable;
  ddr_targets: DdrTargetTable;
  news_releases: NewsReleaseTable;
  news_press_points: NewsPressPointTable;
  news_photos: NewsPhotoTable;
  radio_programmes: RadioProgrammeTable;
  result_objectives: ResultObjectiveTable;
  result_indicators: ResultIndicatorTable;
  result_values: ResultValueTable;
  figure_bindings: FigureBindingTable;
  justice_facilities: JusticeFacilityTable;
  justice_assessments: JusticeAssessmentTable;
  justice_population: JusticePopulationTable;
  justice_incidents: JusticeIncidentTable;
  activities: ActivityTable;
  activity_age_bands: ActivityAgeBandTable;
  ddr_sites: DdrSiteTable;
  ddr_weapons: DdrWeaponTable;
  ddr_custody: DdrCustodyTable;
  operations: OperationTable;
  operation_units: OperationUnitTable;
  operation_incidents: OperationIncidentTable;
  operation_steps: OperationStepTable;
  ceasefire_verifications: CeasefireVerificationTable;
  sitreps: SitrepTable;
  sitrep_sections: SitrepSectionTable;
  sitrep_records: SitrepRecordTable;
  ceasefire_movements: CeasefireMovementTable;
  support_requests: SupportRequestTable;
}

export type Dialect = 'sqlite' | 'postgres';

export type * from './schema/accounts.js';
export type * from './schema/activities.js';
export type * from './schema/ddr.js';
export type * from './schema/ddr-sites.js';
export type * from './schema/factbook.js';
export type * from './schema/incidents.js';
export type * from './schema/justice.js';
export type * from './schema/movements.js';
export type * from './schema/news.js';
export type * from './schema/operations.js';
export type * from './schema/peace.js';
export type * from './schema/politics.js';
export type * from './schema/projects.js';
export type * from './schema/protection.js';
export type * from './schema/records.js';
export type * from './schema/results.js';
export type * from './schema/situation.js';
