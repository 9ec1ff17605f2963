import type { Db } from '../../core/db/openDatabase.ts';
import type { Platform } from '../../core/generated/prisma/enums.ts';

/** The sandbox acts on the demo organisation only; every real platform on real organisations only. */
export function isDemoPlatform(platform: Platform): boolean {
  return platform === 'SANDBOX';
}

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown> };

const WHERE_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);

function withData(data: unknown, demo: boolean): unknown {
  if (Array.isArray(data)) return data.map((d) => ({ ...(d as object), demo }));
  return { ...(data as object), demo };
}

const cache = new WeakMap<Db, { demo?: Db; real?: Db }>();

/**
 * The database as one chat event may see it: organisations (and their members) of the other world are not
 * there. Every lookup of an organisation by name, every list of branches and every organisation a command
 * creates goes through Prisma's organisation and member models, so this one filter keeps a sandbox 组织办 from
 * reading, tasking or importing into a real organisation, and a real account from touching the demo.
 * Raw SQL (resolveGroup, orgAncestors) works from ids that came through here.
 */
export function realmDb(db: Db, demo: boolean): Db {
  let entry = cache.get(db);
  if (!entry) cache.set(db, (entry = {}));
  const existing = demo ? entry.demo : entry.real;
  if (existing) return existing;
  const extended = db.$extends({
    query: {
      organization: {
        async $allOperations({ operation, args, query }) {
          const a = { ...(args as Args) };
          if (WHERE_OPERATIONS.has(operation)) a.where = { ...(a.where ?? {}), demo };
          else if (operation === 'create' || operation === 'createMany' || operation === 'createManyAndReturn') a.data = withData(a.data, demo);
          else if (operation === 'upsert') {
            a.where = { ...(a.where ?? {}), demo };
            a.create = { ...(a.create ?? {}), demo };
          }
          return query(a as never);
        },
      },
      member: {
        async $allOperations({ operation, args, query }) {
          const a = { ...(args as Args) };
          if (WHERE_OPERATIONS.has(operation) || operation === 'upsert') {
            a.where =
              operation.startsWith('findUnique') || operation === 'update' || operation === 'delete' || operation === 'upsert'
                ? { ...(a.where ?? {}), AND: [...toList(a.where?.AND), { organization: { demo } }] }
                : { AND: [a.where ?? {}, { organization: { demo } }] };
          }
          return query(a as never);
        },
      },
    },
  }) as unknown as Db;
  if (demo) entry.demo = extended;
  else entry.real = extended;
  return extended;
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
