/**
 * Works around prisma/orm#27403: @prisma/adapter-pg 6.19 cannot deserialize PostgreSQL's catalog types
 * `name` (oid 19) and `"char"` (oid 18), which the schema engine's catalog queries return, so
 * `prisma migrate deploy` fails on PostgreSQL with "Column type 'name' could not be deserialized".
 * Relabelling them as `text` (oid 25) is exact: both are plain strings. Idempotent.
 */
type PgResultProto = { addFields: (fields: { dataTypeID: number }[]) => void; __catalogTypesAsText?: boolean };

export async function patchPgCatalogTypes(): Promise<void> {
  const pg = (await import("pg")).default as unknown as { Result: { prototype: PgResultProto } };
  const proto = pg.Result.prototype;
  if (proto.__catalogTypesAsText) return;
  const addFields = proto.addFields;
  proto.addFields = function (this: PgResultProto, fields) {
    for (const f of fields) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  proto.__catalogTypesAsText = true;
}
