// Workarounds for running Prisma 6.19's wasm schema engine through @prisma/adapter-pg 6.19.3.
// Loaded by ./prisma.config.ts before the adapter is created; patches only this folder's `pg`.
//
// 1. OID shim. The schema engine introspects pg_catalog, whose columns use system types
//    ("char" 18, name 19, int2vector 22, regclass 2205, aclitem[] 1034, ...) that the
//    adapter's fieldToColumnType() rejects with UnsupportedNativeDataType. User-defined types
//    (OID >= 16384) are already decoded as text by the adapter, so we rewrite every *system*
//    OID the adapter does not know to text (25) or text[] (1009) before pg picks a parser:
//    the engine then receives their plain text representation.
// 2. Timer unref. The engine schedules 10 s / 60 s timers that keep the CLI alive after a
//    command has finished; long timers are unref'ed so node exits when the work is done.
"use strict";

const pg = require("pg");

const FIRST_NORMAL_OBJECT_ID = 16384;
const TEXT = 25;
const TEXT_ARRAY = 1009;

// Every OID handled by fieldToColumnType() in @prisma/adapter-pg 6.19.3 (dist/index.js).
const ADAPTER_SCALARS = [
  "INT2",
  "INT4",
  "INT8",
  "FLOAT4",
  "FLOAT8",
  "BOOL",
  "DATE",
  "TIME",
  "TIMETZ",
  "TIMESTAMP",
  "TIMESTAMPTZ",
  "NUMERIC",
  "MONEY",
  "JSON",
  "JSONB",
  "UUID",
  "OID",
  "BPCHAR",
  "TEXT",
  "VARCHAR",
  "BIT",
  "VARBIT",
  "INET",
  "CIDR",
  "XML",
  "BYTEA",
].map((name) => pg.types.builtins[name]);
const ADAPTER_ARRAYS = [
  1561, 1000, 1001, 1014, 1002, 651, 1182, 1021, 1022, 1041, 1005, 1007, 1016, 3807, 199, 791, 1231, 1028, 1009, 1115,
  1185, 1183, 2951, 1563, 1015, 143,
];
const SUPPORTED = new Set([...ADAPTER_SCALARS, ...ADAPTER_ARRAYS]);

// Array types (typarray of a built-in) among the unsupported system OIDs; decoded as text[].
const SYSTEM_ARRAYS = new Set([
  1003 /* _name */, 1006 /* _int2vector */, 1008 /* _regproc */, 1010 /* _tid */, 1011 /* _xid */, 1012 /* _cid */,
  1013 /* _oidvector */, 1017 /* _point */, 1018 /* _lseg */, 1019 /* _path */, 1020 /* _box */, 1027 /* _polygon */,
  629 /* _line */, 1034 /* _aclitem */, 1040 /* _macaddr */, 775 /* _macaddr8 */, 1187 /* _interval */,
  1270 /* _timetz */, 2207 /* _regprocedure */, 2208 /* _regoper */, 2209 /* _regoperator */, 2210 /* _regclass */,
  2211 /* _regtype */, 3643 /* _tsvector */, 3645 /* _tsquery */, 3735 /* _regconfig */, 3770 /* _regdictionary */,
  4090 /* _regnamespace */, 4097 /* _regrole */, 4192 /* _regcollation */, 271 /* _xid8 */,
]);

if (ADAPTER_SCALARS.some((oid) => typeof oid !== "number")) {
  throw new Error("pg-oid-shim: pg.types.builtins is missing an expected type name");
}

const originalAddFields = pg.Result.prototype.addFields;
if (!originalAddFields.__burnrateOidShim) {
  const patched = function addFields(fieldDescriptions) {
    for (const field of fieldDescriptions) {
      const oid = field.dataTypeID;
      if (oid < FIRST_NORMAL_OBJECT_ID && !SUPPORTED.has(oid)) {
        if (process.env.PG_OID_SHIM_DEBUG) {
          process.stderr.write(`pg-oid-shim: column ${field.name} oid ${oid} -> text\n`);
        }
        field.dataTypeID = SYSTEM_ARRAYS.has(oid) ? TEXT_ARRAY : TEXT;
      }
    }
    return originalAddFields.call(this, fieldDescriptions);
  };
  patched.__burnrateOidShim = true;
  pg.Result.prototype.addFields = patched;
}

const LONG_TIMER_MS = 5000;
const originalSetTimeout = globalThis.setTimeout;
if (!originalSetTimeout.__burnrateUnref) {
  const unrefLong = function setTimeout(callback, ms, ...args) {
    const timer = originalSetTimeout(callback, ms, ...args);
    if (typeof ms === "number" && ms >= LONG_TIMER_MS && timer && typeof timer.unref === "function") {
      timer.unref();
    }
    return timer;
  };
  unrefLong.__burnrateUnref = true;
  Object.assign(unrefLong, originalSetTimeout); // keeps util.promisify.custom and friends
  globalThis.setTimeout = unrefLong;
}

module.exports = { SUPPORTED, SYSTEM_ARRAYS };
