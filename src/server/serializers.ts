import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { type ZodType, z } from 'zod';

/**
 * Response serialisers compiled once per schema. Each route's zod response contract is turned
 * into a JSON Schema (`z.toJSONSchema`, output side) and compiled by fast-json-stringify, which
 * writes only the properties the contract declares. A contract whose output zod would change on
 * the way out (a transform, a codec, trimming or lower-casing a string) or that JSON Schema
 * cannot state (bigint, Map, Set, undefined, intersections...) keeps the exact zod path: encode,
 * then JSON.stringify.
 *
 * With `validate` (the test helpers turn it on), every response is also encoded with its zod
 * schema: a response that breaks its contract, or that the compiled serialiser would write
 * differently from zod, throws and becomes a 500.
 */

type Serialize = (data: unknown) => string;
type JsonSchema = { [keyword: string]: unknown };

/** fast-json-stringify, the one fastify itself depends on (not a dependency of Mandat's own). */
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const buildSerializer = requireFromFastify('fast-json-stringify') as (schema: JsonSchema, options?: object) => Serialize;

export class ResponseContractError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Response of ${method} ${url} breaks its contract: ${detail}`, options);
    this.name = 'ResponseContractError';
  }
}

/** zod types whose output JSON Schema states faithfully, given the normalisation below. */
const SUPPORTED = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'null',
  'literal',
  'enum',
  'template_literal',
  'object',
  'array',
  'tuple',
  'union',
  'record',
  'optional',
  'nullable',
  'default',
  'prefault',
  'catch',
  'readonly',
  'nonoptional',
  'lazy',
  'pipe',
  'any',
  'unknown',
  'date',
]);

interface ZodNode {
  _zod: { def: { type: string; checks?: { _zod: { def: { check: string } } }[]; [key: string]: unknown } };
}

/**
 * Why a schema cannot be compiled faithfully, or null when it can: every node reachable from it
 * must be of a supported type, carry no check that rewrites the value (`overwrite`: trim,
 * toLowerCase...), and no pipe may be a codec or hold a transform.
 */
export function unsupportedPart(schema: ZodType): string | null {
  const seen = new Set<unknown>();
  const visit = (node: ZodNode): string | null => {
    if (seen.has(node)) return null;
    seen.add(node);
    const def = node._zod.def;
    if (!SUPPORTED.has(def.type)) return def.type;
    if (def.coerce) return `coerced ${def.type}`;
    if (def.checks?.some((check) => check._zod.def.check === 'overwrite')) return `${def.type} rewritten by a check`;
    if (def.type === 'literal' && (def.values as unknown[]).some((v) => v === undefined || typeof v === 'bigint')) return 'literal';
    if (def.type === 'pipe' && 'reverseTransform' in def) return 'codec';
    const children: unknown[] = [];
    switch (def.type) {
      case 'object':
        children.push(...Object.values(def.shape as object));
        // A strict object's catchall is `never`: for serialisation it simply writes the declared keys.
        if (def.catchall && (def.catchall as ZodNode)._zod.def.type !== 'never') children.push(def.catchall);
        break;
      case 'array':
        children.push(def.element);
        break;
      case 'tuple':
        children.push(...(def.items as unknown[]));
        if (def.rest) children.push(def.rest);
        break;
      case 'union':
        children.push(...(def.options as unknown[]));
        break;
      case 'record':
        children.push(def.keyType, def.valueType);
        break;
      case 'pipe':
        children.push(def.in, def.out);
        break;
      case 'lazy':
        children.push((def.getter as () => unknown)());
        break;
      default:
        if (def.innerType) children.push(def.innerType);
    }
    for (const child of children) {
      const found = visit(child as ZodNode);
      if (found) return found;
    }
    return null;
  };
  return visit(schema as unknown as ZodNode);
}

/** The output side of a contract as JSON Schema; dates are ISO strings, as JSON.stringify writes them. */
function outputJsonSchema(schema: ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-07',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    override: (ctx) => {
      if ((ctx.zodSchema as unknown as ZodNode)._zod.def.type === 'date')
        Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as JsonSchema;
}

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const SUBSCHEMA = ['items', 'additionalItems', 'additionalProperties', 'not'];
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'items'];
const SUBSCHEMA_MAPS = ['properties', 'definitions', '$defs', 'patternProperties'];

/**
 * Adapts zod's JSON Schema to what fast-json-stringify should do with it:
 * - `additionalProperties: false` goes (undeclared properties are never written anyway, and
 *   union branches are chosen by validating the object as it is, extra properties included);
 * - `default` goes (zod does not fill defaults when encoding: a missing value stays an error);
 * - `const` becomes a one-value `enum`, so that the value itself is written, not the constant;
 * - `date` and `time` formats go (fast-json-stringify would write a Date in local time);
 * - `anyOf [X, null]` becomes X with `null` among its types, and a union of literals of one
 *   type becomes an `enum`, which spares a validation per value.
 */
export function forSerialization(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSerialization);
  if (!isObject(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'default') continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'format' && (value === 'date' || value === 'time')) continue;
    if (SUBSCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, forSerialization(sub)]));
    } else if (SUBSCHEMA.includes(key) || SUBSCHEMA_LISTS.includes(key)) {
      out[key] = forSerialization(value);
    } else {
      out[key] = value;
    }
  }
  // A record keyed by an enum or a pattern: its keys become declared properties (or pattern
  // properties), so that a key outside the contract is not written, as zod would not let it pass.
  const keys = out.propertyNames;
  if (isObject(keys) && isObject(out.additionalProperties)) {
    if (Array.isArray(keys.enum)) {
      out.properties = Object.fromEntries(keys.enum.map((key) => [String(key), out.additionalProperties]));
      delete out.additionalProperties;
    } else if (typeof keys.pattern === 'string') {
      out.patternProperties = { [keys.pattern]: out.additionalProperties };
      delete out.additionalProperties;
    }
  }
  delete out.propertyNames;
  if ('const' in out) {
    const value = out.const;
    delete out.const;
    out.enum = [value];
    if (out.type === undefined) out.type = value === null ? 'null' : typeof value;
  }
  const union = (out.anyOf ?? out.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union) && Object.keys(out).length === 1) return collapse(union) ?? out;
  return out;
}

const SIMPLE = (schema: JsonSchema) => typeof schema.type === 'string' && !schema.anyOf && !schema.oneOf && !schema.allOf && !schema.$ref;

function collapse(branches: JsonSchema[]): JsonSchema | null {
  const isNull = (b: JsonSchema) => b.type === 'null' && Object.keys(b).length === 1;
  const others = branches.filter((b) => !isNull(b));
  const nullable = others.length < branches.length;
  if (others.length === 1 && others[0] && SIMPLE(others[0]) && nullable) {
    const only = others[0];
    const merged: JsonSchema = { ...only, type: [only.type, 'null'] };
    if (Array.isArray(only.enum)) merged.enum = [...only.enum, null];
    return merged;
  }
  const first = others[0];
  const literals = others.every((b) => Object.keys(b).length === 2 && Array.isArray(b.enum) && b.type === first?.type && SIMPLE(b));
  if (first && literals && typeof first.type === 'string' && first.type !== 'object' && first.type !== 'array') {
    const values = others.flatMap((b) => b.enum as unknown[]);
    return nullable ? { type: [first.type, 'null'], enum: [...values, null] } : { type: first.type, enum: values };
  }
  return null;
}

export interface CompiledSerializer {
  serialize: Serialize;
  /** 'compiled' (fast-json-stringify) or why the route keeps zod and JSON.stringify. */
  mode: 'compiled' | { fallback: string };
}

const compiled = new WeakMap<ZodType, CompiledSerializer>();
const byJsonSchema = new Map<string, Serialize>();

/** The serialiser of one zod schema, compiled on first use and shared by every route and app that returns it. */
export function compileSerializer(schema: ZodType): CompiledSerializer {
  const known = compiled.get(schema);
  if (known) return known;
  const result = compile(schema);
  compiled.set(schema, result);
  return result;
}

function compile(schema: ZodType): CompiledSerializer {
  const zodPath = (fallback: string): CompiledSerializer => ({
    serialize: (data) => JSON.stringify(z.encode(schema, data)),
    mode: { fallback },
  });
  const unsupported = unsupportedPart(schema);
  if (unsupported) return zodPath(unsupported);
  const json = forSerialization(outputJsonSchema(schema)) as JsonSchema;
  const key = JSON.stringify(json);
  let serialize = byJsonSchema.get(key);
  if (!serialize) {
    try {
      serialize = buildSerializer(json);
    } catch (error) {
      return zodPath(`not compiled: ${error instanceof Error ? error.message : String(error)}`);
    }
    byJsonSchema.set(key, serialize);
  }
  return { serialize, mode: 'compiled' };
}

export interface SerializerCompilerOptions {
  /** Encode every response with its zod schema too, and fail on a mismatch (tests). */
  validate?: boolean;
}

interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
}

/** A fastify serializer compiler for zod response contracts. */
export function responseSerializerCompiler(options: SerializerCompilerOptions = {}) {
  return ({ schema, method, url }: RouteSchema): Serialize => {
    if (!(schema instanceof z.ZodType)) return buildSerializer(schema as JsonSchema);
    const { serialize, mode } = compileSerializer(schema);
    if (!options.validate) {
      if (mode !== 'compiled') return (data) => encodeOrThrow(data, method, url, serialize);
      return serialize;
    }
    const check = (data: unknown): string => {
      const expected = encodeOrThrow(data, method, url, (value) => JSON.stringify(z.encode(schema, value)));
      if (mode !== 'compiled') return expected;
      const written = serialize(data);
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
        throw new ResponseContractError(method, url, `the compiled serialiser wrote ${written}, zod ${expected}`);
      }
      return written;
    };
    return (data) => {
      try {
        return check(data);
      } catch (error) {
        // Loudly: the app's logger is often off in tests, and a bare 500 would not say which field broke.
        if (error instanceof ResponseContractError) console.error(error.message);
        throw error;
      }
    };
  };
}

/** zod's own path, its failures reported with the route and the issues. */
function encodeOrThrow(data: unknown, method: string, url: string, serialize: Serialize): string {
  try {
    return serialize(data);
  } catch (error) {
    if (error instanceof z.ZodError) throw new ResponseContractError(method, url, z.prettifyError(error), { cause: error });
    throw error;
  }
}
