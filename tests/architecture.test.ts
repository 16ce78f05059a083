import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../src/platform/paths.js';

/**
 * Each module owns its tables through its repository (docs/ARCHITECTURE.md): routes, services
 * and every other file of a module build no SQL; other modules reach the tables through the
 * owner's functions. The direction of imports between layers is checked by biome.
 */
const MODULES = join(projectRoot(), 'src', 'modules');
// Kysely's query builders and its `sql` tag; its types (Selectable, Insertable…) may be used anywhere.
const SQL_BUILDERS =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|^import \{[^}]*\bsql\b[^}]*\} from 'kysely'/;

// `import … from '…'`, `export … from '…'` and `import('…')`, over several lines too.
const IMPORTS = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('module boundaries', () => {
  test('only repositories build SQL', () => {
    const offenders = filesUnder(MODULES)
      .filter((file) => !file.endsWith('.repository.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(projectRoot(), file)}:${i + 1}` }))
          .filter(({ line }) => SQL_BUILDERS.test(line) && !/^\s*(\/\/|\*)/.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  test("a module never imports another module's repository: it goes through the owner's service", () => {
    const offenders = filesUnder(MODULES).flatMap((file) => {
      const owner = relative(MODULES, file).split(sep)[0];
      return [...readFileSync(file, 'utf8').matchAll(IMPORTS)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => relative(MODULES, resolve(dirname(file), specifier)).split(sep))
        .filter(([module, ...rest]) => module !== owner && !module?.startsWith('..') && rest.at(-1)?.endsWith('.repository.js'))
        .map((parts) => `${relative(projectRoot(), file)} imports ${parts.join('/')}`);
    });
    expect(offenders).toEqual([]);
  });

  test('the import check sees an import of a repository', () => {
    const alerts = readFileSync(join(MODULES, 'alerts', 'alerts.service.ts'), 'utf8');
    const specifiers = [...alerts.matchAll(IMPORTS)].map((match) => match[1] ?? match[2]);
    expect(specifiers).toContain('./alerts.repository.js');
    expect([
      ..."import { a } from '../x/x.repository.js';\nexport { b } from '../y/y.repository.js';\nawait import('../z/z.repository.js');".matchAll(
        IMPORTS,
      ),
    ]).toHaveLength(3);
  });

  test('the check sees SQL where there is some', () => {
    const repositories = filesUnder(MODULES).filter((file) => file.endsWith('.repository.ts'));
    expect(repositories.length).toBeGreaterThan(10);
    expect(repositories.every((file) => SQL_BUILDERS.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});
