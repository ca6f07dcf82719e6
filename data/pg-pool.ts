// A pg Pool for Prisma's JavaScript schema engine. @prisma/adapter-pg cannot map
// PostgreSQL's internal `name` and `"char"` column types, which the migration engine
// reads from the catalogue (prisma/orm#27403); they are plain text, so we present them
// as text. Used only by prisma.config.ts (migrations), not by the application.
import pg from 'pg';

const TEXT_OID = 25;
const INTERNAL_TEXT_OIDS = new Set([18 /* "char" */, 19 /* name */]);

type Result = { fields?: Array<{ dataTypeID: number }> };

function presentAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as Result | undefined)?.fields ?? []) {
      if (INTERNAL_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

type Query = (...args: unknown[]) => unknown;

/** Wraps a query function so results (promise or callback form) present text types. */
function wrapQuery(query: Query): Query {
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => (last as Query)(err, err ? res : presentAsText(res));
    }
    const out = query(...args);
    return out instanceof Promise ? out.then(presentAsText) : out;
  };
}

export function migrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  const patch = (target: { query: unknown }) => {
    target.query = wrapQuery((target.query as Query).bind(target));
  };
  patch(pool as unknown as { query: unknown });
  pool.on('connect', (client) => patch(client as unknown as { query: unknown }));
  return pool;
}
