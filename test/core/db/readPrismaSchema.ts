import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
}

export interface PrismaSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

export const SCHEMA_PATH = resolve(import.meta.dirname, '../../../prisma/schema.prisma');

const mapOf = (text: string) => /@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/.exec(text)?.[1];

/**
 * Reads models, their stored fields (relation fields left out) and enums from prisma/schema.prisma.
 * Deliberately independent of the generated client, so the test also catches a client generated from an
 * older schema.
 */
export function readPrismaSchema(path = SCHEMA_PATH): PrismaSchema {
  const source = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '');
  const blocks = [...source.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const enums = new Map<string, string[]>();
  for (const [, kind, name, body] of blocks) {
    if (kind !== 'enum') continue;
    const values = body!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('@@'))
      .map((line) => mapOf(line) ?? line.split(/\s+/)[0]!);
    enums.set(name!, values);
  }
  const modelNames = new Set(blocks.filter(([, kind]) => kind === 'model').map(([, , name]) => name!));
  const models: SchemaModel[] = [];
  for (const [, kind, name, body] of blocks) {
    if (kind !== 'model') continue;
    const table = /@@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/.exec(body!)?.[1] ?? name!;
    const fields: SchemaField[] = [];
    for (const raw of body!.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('@@')) continue;
      const match = /^(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!match) continue;
      const [, fieldName, type, list, optional] = match;
      if (modelNames.has(type!) || line.includes('@ignore')) continue; // relation fields have no column
      fields.push({ name: fieldName!, column: mapOf(line) ?? fieldName!, type: type!, optional: Boolean(optional), list: Boolean(list) });
    }
    models.push({ name: name!, table, fields });
  }
  return { models, enums };
}
