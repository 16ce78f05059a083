#!/usr/bin/env node
import { appendFileSync, createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { emailSchema, passwordSchema, UNIT_ROLES, unitCodeSchema } from '../contracts/common.js';
import type { IncidentImportPreview, IncidentImportReport } from '../contracts/incidents.js';
import { parseDatabaseUrl } from '../db/database.js';
import { backupDatabase, restoreDatabase } from '../db/helpers/backup.js';
import { t } from '../i18n/index.js';
import { issueSetupToken, setupLink } from '../modules/auth/setup.service.js';
import { seedFactbook } from '../modules/organisation/sections.service.js';
import { actorByEmail, createApiToken, createUser, disableUserByEmail } from '../modules/users/users.service.js';
import { type AuditAnchor, auditAnchor, formatAnchor, parseAnchor, verifyAudit } from '../platform/audit.js';
import { loadConfig } from '../platform/config.js';
import { type AppContext, recordAudit } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { keyStatus, rotateMasterKey } from '../platform/keyring.js';
import { prepareContext } from '../server/prepare.js';

/** CLI actions are attributed to the operating-system account that ran them. */
const cliActor = () => ({ id: null, label: `cli:${userInfo().username}` });

async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await prepareContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}

function readStdin(): string {
  if (process.stdin.isTTY) return '';
  try {
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return '';
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const program = new Command('mandat')
  .description('Mandat — information system of a UN peace operation (MINUSMA 2020 dataset)')
  .showHelpAfterError();

program
  .command('serve')
  .description('Start the web app and API (PORT, HOST, DATABASE_URL from the environment)')
  .action(async () => {
    const { serve } = await import('../server/start.js');
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('Bring the database schema and reference data up to date, then exit')
  .action(async () => {
    await withContext(async (ctx) => process.stdout.write(`migrated (${ctx.database.dialect})\n`));
  });

program
  .command('setup-link')
  .description('Print a new one-time link to create the first administrator (only while no account exists)')
  .action(async () => {
    await withContext(async (ctx) => {
      const token = await issueSetupToken(ctx);
      if (!token) fail('Mandat already has accounts: no setup link is needed.');
      process.stdout.write(`${setupLink(ctx, token)}\n`);
    });
  });

program
  .command('seed <dataset>')
  .description('Load a dataset: minusma-2020 (the 2020 fact book; loaded automatically on a new database)')
  .option('--replace', 'replace the fact-book content already loaded (edits made since are lost; history is kept)', false)
  .action(async (dataset: string, opts: { replace: boolean }) => {
    if (dataset !== 'minusma-2020') fail(`unknown dataset "${dataset}"; available: minusma-2020`);
    await withContext(async (ctx) => {
      const loaded = await seedFactbook(ctx, cliActor(), { replace: opts.replace });
      process.stdout.write(loaded ? 'minusma-2020 loaded\n' : 'minusma-2020 is already loaded (use --replace to reload it)\n');
    });
  });

program
  .command('factsheet')
  .description('Write the fiche d’information as PDF (public data), for the mission or one section')
  .addOption(new Option('--lang <lang>', 'interface language of the document').choices(['fr', 'en']).default('fr'))
  .option('--section <code>', 'one unit’s section, e.g. FORCE')
  .requiredOption('--out <file>', 'PDF file to write')
  .action(async (opts: { lang: 'fr' | 'en'; section?: string; out: string }) => {
    if (opts.section && !unitCodeSchema.safeParse(opts.section).success) fail(t('en', 'validation.unit_code'));
    // Loaded on demand: the PDF and chart libraries are heavy for the other commands.
    const { buildFactsheet } = await import('../modules/factsheet/factsheet.service.js');
    const { renderFactsheetPdf } = await import('../modules/factsheet/factsheet.pdf.js');
    await withContext(async (ctx) => {
      const pdf = await renderFactsheetPdf(await buildFactsheet(ctx, opts.lang, opts.section));
      writeFileSync(opts.out, pdf);
      await recordAudit(ctx, cliActor(), {
        action: 'factsheet.export',
        recordType: 'factsheet',
        recordId: opts.section ?? 'mission',
        details: { locale: opts.lang },
      });
      process.stdout.write(`${opts.out} (${pdf.length} bytes)\n`);
    });
  });

const user = program.command('user').description('Manage accounts');

user
  .command('add <email>')
  .description('Create an account; the password is read from standard input, or generated and printed once')
  .requiredOption('--name <name>', 'full name')
  .option('--unit <code>', 'unit code (see GET /api/units), e.g. HRPD')
  .addOption(new Option('--role <role>', 'role in the unit').choices([...UNIT_ROLES]).default('viewer'))
  .option('--admin', 'global administrator (accounts and settings; no access to confidential content)', false)
  .option('--auditor', 'global auditor (reads the audit log)', false)
  .addOption(new Option('--locale <locale>', 'interface language').choices(['fr', 'en']).default('fr'))
  .action(
    async (
      email: string,
      opts: { name: string; unit?: string; role: (typeof UNIT_ROLES)[number]; admin: boolean; auditor: boolean; locale: 'fr' | 'en' },
    ) => {
      const parsedEmail = emailSchema.safeParse(email);
      if (!parsedEmail.success) fail(t('en', 'validation.email'));
      if (opts.unit && !unitCodeSchema.safeParse(opts.unit).success) fail(t('en', 'validation.unit_code'));
      const stdin = readStdin();
      if (stdin && !passwordSchema.safeParse(stdin).success) fail(t('en', 'validation.too_small_string', { min: 12 }));
      await withContext(async (ctx) => {
        const { user: created, generatedPassword } = await createUser(ctx, cliActor(), {
          email: parsedEmail.data,
          name: opts.name,
          locale: opts.locale,
          admin: opts.admin,
          auditor: opts.auditor,
          memberships: opts.unit ? [{ unit: opts.unit, role: opts.role }] : [],
          password: stdin || undefined,
        });
        process.stdout.write(`created ${created.email} (${created.id})\n`);
        if (generatedPassword) process.stdout.write(`password (shown once): ${generatedPassword}\n`);
      });
    },
  );

user
  .command('disable <email>')
  .description('Disable an account and revoke its sessions')
  .action(async (email: string) => {
    await withContext(async (ctx) => {
      const disabled = await disableUserByEmail(ctx, cliActor(), email.toLowerCase());
      process.stdout.write(`disabled ${disabled.email}\n`);
    });
  });

const token = program.command('token').description('Personal API tokens');
token
  .command('create <email>')
  .description('Create a personal API token (Authorization: Bearer …), printed once')
  .option('--label <label>', 'what the token is for', 'cli')
  .addOption(new Option('--scope <scope>', 'read: GET only; write: may also change records').choices(['read', 'write']).default('read'))
  .option('--days <days>', 'days until it expires (default and maximum: API_TOKEN_DAYS, 90)')
  .action(async (email: string, opts: { label: string; scope: 'read' | 'write'; days?: string }) => {
    await withContext(async (ctx) => {
      const days = opts.days === undefined ? undefined : Number(opts.days);
      if (days !== undefined && !(Number.isInteger(days) && days > 0))
        throw new AppError(400, 'token_days', { max: ctx.config.apiTokenDays });
      const { token, apiToken } = await createApiToken(ctx, cliActor(), email.toLowerCase(), {
        label: opts.label,
        scope: opts.scope,
        days,
      });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`scope ${apiToken.scope}, expires ${apiToken.expiresAt}\n`);
    });
  });

const incidents = program.command('incidents').description('The incident log: imports and exports of any size, streamed');

incidents
  .command('import <file>')
  .description('Import incidents from a CSV file (ACLED or Mandat columns) as candidates: all rows or none')
  .requiredOption('--as <email>', 'the account the import is made as (an officer or manager of the unit)')
  .requiredOption('--unit <code>', 'owning unit, e.g. FORCE')
  .addOption(
    new Option('--classification <class>', 'data class of rows that do not give one')
      .choices(['public', 'internal', 'restricted'])
      .default('internal'),
  )
  .option(
    '--mapping <json>',
    'mapping step: a JSON file {"actors": {"<name in the file>": "<registry code>" | "create" | {"create": {"nameFr", "nameEn", "type"}}}, "eventTypes": {"<event type> / <sub-event type>": "<event_type>/<sub_event_type>"}}, applied with the import and remembered ("create" alone: named as in the file, ACLED type 3)',
  )
  .option('--preview', 'print the file’s actors and event types with their counts and what each maps to now, and write nothing', false)
  .addOption(new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default('fr'))
  .action(
    async (
      file: string,
      opts: { as: string; unit: string; classification: string; mapping?: string; preview: boolean; lang: 'fr' | 'en' },
    ) => {
      const { importIncidentsCsv } = await import('../modules/incidents/incidents.import.js');
      const { mappingOfJson, previewIncidentsCsv } = await import('../modules/incidents/incidents.mapping.js');
      const { RequestValidationError, localizeIssue } = await import('../platform/validation.js');
      const locale = opts.lang;
      const mapping = opts.mapping === undefined ? undefined : readMapping(opts.mapping, locale, mappingOfJson);
      const target = { unit: opts.unit, classification: opts.classification, locale };
      await withContext(async (ctx) => {
        const actor = await actorByEmail(ctx, opts.as);
        try {
          if (opts.preview) {
            printPreview(await previewIncidentsCsv(ctx, actor, createReadStream(file), target), mapping, locale);
            return;
          }
          printImportReport(await importIncidentsCsv(ctx, actor, createReadStream(file), { ...target, mapping }), locale);
        } catch (error) {
          if (error instanceof AppError) fail(t(locale, `errors.${error.code}`, error.params));
          // A mapping that names an actor or event type the registry or vocabulary lacks: each named with its value.
          if (!(error instanceof RequestValidationError)) throw error;
          for (const issue of error.issues) {
            const [, part, name = ''] = issue.path.map(String);
            const key = part === 'actors' ? 'actor' : 'event';
            const actorEntry = mapping?.actors.find((a) => a.name === name);
            const eventEntry = mapping?.eventTypes.find((e) => `${e.eventType} / ${e.subEventType}` === name);
            const shown =
              part === 'actors'
                ? actorEntry && ('actor' in actorEntry ? actorEntry.actor : 'create')
                : eventEntry && `${eventEntry.to.eventType}/${eventEntry.to.subEventType}`;
            process.stderr.write(
              `${t(locale, `incidents.mapping_${key}_value`, { name, value: shown ?? '', message: localizeIssue(locale, issue).message })}\n`,
            );
          }
          process.exitCode = 1;
        }
      });
    },
  );

type MappingOfJson = typeof import('../modules/incidents/incidents.mapping.js').mappingOfJson;
type ParsedMapping = NonNullable<ReturnType<MappingOfJson>>['mapping'];

/** The mapping file of an import; every entry it cannot read is named with its value, then the command stops. */
function readMapping(file: string, locale: 'fr' | 'en', mappingOfJson: MappingOfJson): ParsedMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    json = undefined;
  }
  const read = mappingOfJson(json, locale);
  if (!read) return fail(t(locale, 'incidents.mapping_file_unreadable', { file }));
  if (read.errors.length > 0) return fail(read.errors.join('\n'));
  return read.mapping;
}

/** A file's problems, each at its line: a row's message names its line and value, a message about the whole file gets its place here. */
function printFileErrors(errors: readonly { line: number; column: string | null; message: string }[], more: number, locale: 'fr' | 'en') {
  for (const error of errors) {
    const named = error.message.includes(` ${error.line}`);
    const where = named
      ? ''
      : `${t(locale, 'incidents.csv_invalid_row', { line: error.line, message: '' })}${error.column ? `(${error.column}) ` : ''}`;
    process.stderr.write(`${where}${error.message}\n`);
  }
  if (more > 0) process.stderr.write(`${t(locale, 'incidents.more_errors', { count: more })}\n`);
}

function printImportReport(report: IncidentImportReport, locale: 'fr' | 'en') {
  printFileErrors(report.errors, report.moreErrors, locale);
  process.stdout.write(`${t(locale, 'incidents.imported_rows', { imported: report.imported, rows: report.rows })}\n`);
  if (report.imported === 0 && report.errors.length > 0) process.exitCode = 1;
}

/** The mapping step on the command line: each name and event type of the file, its count, and what it maps to now (or in the mapping file). */
function printPreview(preview: IncidentImportPreview, mapping: ParsedMapping | undefined, locale: 'fr' | 'en') {
  printFileErrors(preview.errors, 0, locale);
  const by = (how: string | null) => (how ? t(locale, `incidents.preview_by_${how}`) : t(locale, 'incidents.preview_unknown'));
  const planned = (value: string | undefined) => (value ? ` → ${t(locale, 'incidents.preview_from_mapping', { value })}` : '');
  const lines = [t(locale, 'incidents.preview_rows', { rows: preview.rows })];
  if (preview.ignoredColumns.length > 0) lines.push(t(locale, 'incidents.preview_ignored', { columns: preview.ignoredColumns.join(', ') }));
  lines.push('', t(locale, 'incidents.preview_actors'));
  for (const a of preview.actors) {
    const entry = mapping?.actors.find((m) => m.name === a.name);
    const chosen = entry && ('actor' in entry ? entry.actor : `create (${entry.create.nameEn})`);
    lines.push(`  ${a.name}\t${a.count}\t${a.match ?? '—'} (${by(a.by)})${planned(chosen)}`);
  }
  lines.push('', t(locale, 'incidents.preview_event_types'));
  for (const e of preview.eventTypes) {
    const name = `${e.eventType} / ${e.subEventType}`;
    const entry = mapping?.eventTypes.find((m) => `${m.eventType} / ${m.subEventType}` === name);
    const now = e.match ? `${e.match.eventType}/${e.match.subEventType}` : '—';
    lines.push(`  ${name}\t${e.count}\t${now} (${by(e.by)})${planned(entry && `${entry.to.eventType}/${entry.to.subEventType}`)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (preview.errors.length > 0) process.exitCode = 1;
}

incidents
  .command('export')
  .description('Export the incidents an account may read as CSV or GeoJSON, to a file or standard output')
  .requiredOption('--as <email>', 'the account whose read rights apply')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'geojson']).default('csv'))
  .addOption(
    new Option('--separator <separator>', 'CSV separator (semicolon for French Excel)').choices(['comma', 'semicolon']).default('comma'),
  )
  .addOption(new Option('--lang <lang>', 'language of labels').choices(['fr', 'en']).default('fr'))
  .option('--from <date>', 'first day (YYYY-MM-DD)')
  .option('--to <date>', 'last day (YYYY-MM-DD)')
  .option('--status <statuses>', 'comma-separated statuses, e.g. verified,closed')
  .option('--region <codes>', 'comma-separated region codes, e.g. ML-9')
  .option('--out <file>', 'file to write (default: standard output)')
  .action(
    async (opts: {
      as: string;
      format: 'csv' | 'geojson';
      separator: 'comma' | 'semicolon';
      lang: 'fr' | 'en';
      from?: string;
      to?: string;
      status?: string;
      region?: string;
      out?: string;
    }) => {
      const { incidentFilterSchema } = await import('../contracts/incidents.js');
      const { exportCsv, exportGeoJson, recordExport } = await import('../modules/incidents/incidents.export.js');
      const { countIncidents } = await import('../modules/incidents/incidents.service.js');
      const parsed = incidentFilterSchema.safeParse({ from: opts.from, to: opts.to, status: opts.status, region: opts.region });
      if (!parsed.success) fail(`error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await withContext(async (ctx) => {
        const actor = await actorByEmail(ctx, opts.as);
        const filter = parsed.data;
        await recordExport(ctx, actor, opts.format, filter, await countIncidents(ctx, actor, filter));
        const chunks =
          opts.format === 'csv'
            ? exportCsv(ctx, actor, filter, { separator: opts.separator === 'semicolon' ? ';' : ',', locale: opts.lang })
            : exportGeoJson(ctx, actor, filter, opts.lang);
        await pipeline(Readable.from(chunks), opts.out ? createWriteStream(opts.out) : process.stdout);
      });
    },
  );

const peace = program.command('peace').description('The peace process: the Agreement’s provisions');

peace
  .command('import <file>')
  .description('Import provisions of the Agreement from a CSV file (French or English column names): all rows or none')
  .requiredOption('--as <email>', 'the account the import is made as (an officer or manager of Mediation or Political Affairs)')
  .addOption(new Option('--unit <code>', 'unit that keeps the provisions').choices(['MED', 'PAD']).default('MED'))
  .addOption(
    new Option('--classification <class>', 'data class of the provisions')
      .choices(['public', 'internal', 'restricted'])
      .default('internal'),
  )
  .addOption(new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default('fr'))
  .action(
    async (
      file: string,
      opts: { as: string; unit: 'MED' | 'PAD'; classification: 'public' | 'internal' | 'restricted'; lang: 'fr' | 'en' },
    ) => {
      const { importProvisionsCsv } = await import('../modules/peace/peace.service.js');
      const locale = opts.lang;
      await withContext(async (ctx) => {
        const actor = await actorByEmail(ctx, opts.as);
        try {
          const report = await importProvisionsCsv(ctx, actor, readFileSync(file, 'utf8'), opts, locale);
          printFileErrors(report.errors, 0, locale);
          process.stdout.write(`${t(locale, 'peace.imported_rows', { imported: report.imported, rows: report.rows })}\n`);
          if (report.errors.length > 0) process.exitCode = 1;
        } catch (error) {
          if (error instanceof AppError) fail(t(locale, `errors.${error.code}`, error.params));
          throw error;
        }
      });
    },
  );

const projects = program.command('projects').description('Projects and funds');
projects
  .command('iati')
  .description('Write the public projects, from approval on, as an IATI activity file (standard 2.03), to a file or standard output')
  .option('--out <file>', 'file to write (default: standard output)')
  .action(async (opts: { out?: string }) => {
    const { anyPublished, iatiActivities, recordIatiExport } = await import('../modules/projects/projects.iati.js');
    await withContext(async (ctx) => {
      if (!(await anyPublished(ctx))) fail(t('en', 'errors.iati_nothing_published'));
      await recordIatiExport(ctx, cliActor());
      await pipeline(Readable.from(iatiActivities(ctx)), opts.out ? createWriteStream(opts.out) : process.stdout);
      if (opts.out) process.stdout.write(`${opts.out}\n`);
    });
  });

program
  .command('backup <file>')
  .description('Write a consistent backup of the live database (SQLite backup API, or pg_dump)')
  .action(async (file: string) => {
    await withContext(async (ctx) => {
      await backupDatabase(ctx.database, file);
      process.stdout.write(`backup written to ${file}\n`);
    });
  });

program
  .command('restore <file>')
  .description('Replace the database with a backup (stop the server first)')
  .action(async (file: string) => {
    const { dialect, location } = parseDatabaseUrl(loadConfig().databaseUrl);
    await restoreDatabase(location, dialect, file);
    process.stdout.write(`restored from ${file}\n`);
  });

const audit = program.command('audit').description('The tamper-evident audit log');
audit
  .command('verify')
  .description(
    'Check the keyed hash chain, the append-only triggers, the log against the records and, with --anchor, that the log still reaches an anchor; exits 1 and names the first broken entry and every other problem',
  )
  .option('--anchor <anchor>', 'an anchor line from "mandat audit anchor", or a file of them (its last line is used)')
  .action(async (opts: { anchor?: string }) => {
    const anchor = opts.anchor === undefined ? undefined : readAnchor(opts.anchor);
    await withContext(async (ctx) => {
      const result = await verifyAudit(ctx, { anchor });
      if (result.ok) {
        const head = result.head ? `; head ${formatAnchor(result.head)}` : '';
        const anchored = anchor ? `; anchor entry ${anchor.seq} present with its hash` : '';
        process.stdout.write(
          `OK: ${result.checked} entries verified (${result.keyed} keyed, ${result.unkeyed} unkeyed from before keying)${head}${anchored}\n`,
        );
        return;
      }
      for (const failure of result.failures)
        process.stdout.write(`BROKEN ${failure.seq === null ? '' : `at entry ${failure.seq} `}(${failure.problem}): ${failure.message}\n`);
      process.exitCode = 1;
    });
  });
audit
  .command('anchor')
  .description('Print the head of the audit log (number, hash, time) as one line to keep outside the database; run it on a schedule')
  .option('--append <file>', 'also append the line to this file')
  .action(async (opts: { append?: string }) => {
    await withContext(async (ctx) => {
      const line = formatAnchor(await auditAnchor(ctx));
      if (opts.append) appendFileSync(opts.append, `${line}\n`);
      process.stdout.write(`${line}\n`);
    });
  });

/** An anchor given on the command line: the line itself, or a file whose last line is one. */
function readAnchor(value: string): AuditAnchor {
  const direct = parseAnchor(value);
  if (direct) return direct;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch {
    return fail(`--anchor: "${value}" is neither an anchor line (seq=… hash=… at=…) nor a readable file`);
  }
  const last =
    text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .at(-1) ?? '';
  return parseAnchor(last) ?? fail(`--anchor: the last line of ${value} is not an anchor line (seq=… hash=… at=…)`);
}

const keys = program.command('keys').description('Encryption at rest: the master key file and the data keys (never prints key material)');
keys
  .command('rotate')
  .description('Re-wrap every data key under a new master key, then remove the older master keys from the key file')
  .action(async () => {
    await withContext(async (ctx) => {
      const { masterId, rewrapped } = await rotateMasterKey(ctx, cliActor());
      process.stdout.write(`master key ${masterId} is now current; ${rewrapped} data key${rewrapped === 1 ? '' : 's'} re-wrapped\n`);
    });
  });
keys
  .command('status')
  .description('Print the current master key id and how many data keys there are per purpose')
  .action(async () => {
    await withContext(async (ctx) => {
      const status = await keyStatus(ctx);
      process.stdout.write(`current master key: ${status.masterId} (key file ${ctx.config.keyFile}, ${status.masterKeys} master key(s))\n`);
      for (const [purpose, count] of Object.entries(status.dataKeys))
        process.stdout.write(`${purpose} data keys: ${count.active + count.retired} (${count.active} active, ${count.retired} retired)\n`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) fail(`error: ${t('en', `errors.${error.code}`, error.params)}`);
  fail(`error: ${error instanceof Error ? error.message : String(error)}`);
});
