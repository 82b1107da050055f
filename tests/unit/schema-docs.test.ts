// The GraphQL schema documents itself: every type, field, argument and enum value has a description, so that
// GraphiQL's docs pane and generated clients are the API reference.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, type GraphQLSchema,
} from 'graphql';

const API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api');
const sdl = ['schema.graphql', 'editing.graphql', 'stories.graphql'].map((f) => readFileSync(path.join(API, f), 'utf8')).join('\n');

/** Every documentable element of the schema, with its description (or none). */
function elements(schema: GraphQLSchema) {
  const out: { kind: string; name: string; description: string | null | undefined }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    out.push({ kind: 'type', name: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ kind: 'field', name: `${type.name}.${field.name}`, description: field.description });
        for (const arg of field.args) out.push({ kind: 'argument', name: `${type.name}.${field.name}(${arg.name})`, description: arg.description });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) out.push({ kind: 'field', name: `${type.name}.${field.name}`, description: field.description });
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) out.push({ kind: 'enum value', name: `${type.name}.${value.name}`, description: value.description });
    }
  }
  return out;
}

describe('the GraphQL schema', () => {
  const all = elements(buildSchema(sdl));

  it.each(['type', 'field', 'argument', 'enum value'])('describes every %s', (kind) => {
    const of = all.filter((e) => e.kind === kind);
    expect(of.length).toBeGreaterThan(10);
    const missing = of.filter((e) => !e.description || e.description.trim().length < 3).map((e) => e.name);
    expect(missing, `${missing.length} of ${of.length} ${kind}s have no description`).toEqual([]);
  });
});
