import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

/**
 * Response serialisation from the zod schema's JSON Schema through fast-json-stringify, as Fastify
 * does by default: several times faster than validating each response with zod (measured: 57 µs
 * against 130 µs for a page of 50 people), and fields outside the schema never leave the server.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
  return serializerFor(schema);
};

type Serialize = (data: unknown) => string;

/**
 * Compiled once per schema for the process, not once per route and app: compiling every route's
 * serialiser took most of an app's start (0.5 s of CPU), which each of the test suite's hundreds of
 * apps paid again. Schemas written inline in a route (`z.array(Person)`, `z.unknown()`) are new
 * objects in every app, so they are matched by their JSON Schema too: fast-json-stringify's
 * function depends on nothing else, so sharing it is safe.
 */
const compiled = new WeakMap<z.ZodType, Serialize>();
const compiledByJsonSchema = new Map<string, Serialize>();

/** The same serialiser a route with this response schema uses, for JSON built outside a reply. */
export function serializerFor(schema: z.ZodType): Serialize {
  let serialize = compiled.get(schema);
  if (!serialize) {
    const jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-07' });
    const key = JSON.stringify(jsonSchema);
    serialize =
      compiledByJsonSchema.get(key) ??
      fastJson(nullableAsTypeList(jsonSchema) as Parameters<typeof fastJson>[0]);
    compiledByJsonSchema.set(key, serialize);
    compiled.set(schema, serialize);
  }
  return serialize;
}

type JsonSchema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNullOnly = (value: unknown) =>
  isSchema(value) && value.type === 'null' && Object.keys(value).length === 1;

/**
 * zod writes `.nullable()` as `anyOf: [schema, {type: 'null'}]`. For an anyOf, fast-json-stringify
 * validates the value against each branch with Ajv to choose one: it compiles an Ajv validator per
 * branch on first use (about 0.6 s of CPU for the schemas one test file's responses meet) and, on
 * every response, validates a nullable object in full before writing it. A type list
 * (`type: ['object', 'null']`) is chosen by `typeof` instead and written by the same code, so the
 * JSON is the same. Only plain branches with a single type are rewritten; `$ref`s and real unions
 * keep their anyOf.
 */
export function nullableAsTypeList(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsTypeList);
  if (!isSchema(schema)) return schema;
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    // property names and enum values are data, not schemas: copied as they are, their contents rewritten
    out[keyword] = ['enum', 'const', 'required', 'default', 'examples'].includes(keyword)
      ? value
      : nullableAsTypeList(value);
  }
  const branches = out.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return out;
  const nullAt = branches.findIndex(isNullOnly);
  const other = branches[1 - nullAt];
  if (nullAt === -1 || !isSchema(other) || typeof other.type !== 'string' || other.type === 'null')
    return out;
  if ('anyOf' in other || 'oneOf' in other || 'allOf' in other || '$ref' in other || 'if' in other)
    return out;
  const { anyOf: _, ...siblings } = out;
  if (Object.keys(siblings).some((keyword) => keyword in other)) return out;
  return { ...siblings, ...other, type: [other.type, 'null'] };
}
