import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { computeInstanceHash } from '../dataset/content-hash.js';
import type { Dataset, DatasetProvenance, Instance } from '../dataset/instance.js';
import type { PythonValue } from '../dataset/python-literal.js';
import type { StoreDatabase } from './open.js';
import { entitiesSchema, parseColumn, provenanceSchema } from './records.js';
import { datasets, events, instances } from './schema.js';
import { splitIntoChunks, storableJson, storableText } from './storable.js';

/** Who wrote an event: the CLI user on this machine, unless the caller says otherwise. */
export const SYSTEM_ACTOR = 'steward';

/** The store key of a dataset read from a file with this sha256. */
export function fileDatasetKey(sha256: string): string {
  return `sha256:${sha256}`;
}

/**
 * A dataset's identity in the store: the file's sha256, or the hub repo, commit and split. Rows built in memory
 * (no provenance) are keyed by the hash of every field of every row (`computeInstanceHash`), so two such
 * datasets that differ in one label are two datasets.
 */
export function datasetKey(dataset: Dataset): string {
  const provenance = dataset.provenance;
  if (provenance?.kind === 'file') return fileDatasetKey(provenance.sha256);
  if (provenance?.kind === 'hub') return `hub:${provenance.repo}@${provenance.commit}:${provenance.split}`;
  const hash = createHash('sha256');
  for (const instance of dataset.instances) hash.update(`${computeInstanceHash(instance)}\n`);
  return `content:${hash.digest('hex')}`;
}

/** A dataset as stored. */
export interface StoredDataset {
  id: string;
  source: string;
  provenance: DatasetProvenance | undefined;
  format: string;
  layout: string;
  rowCount: number;
  createdAt: Date;
}

/** One item as stored (absent fields are `null`); `instanceHash` is empty for items stored before it existed. */
export interface StoredInstance {
  datasetId: string;
  itemId: string;
  row: number;
  calculatorId: number | null;
  calculatorSlug: string | null;
  calculatorName: string;
  category: string | null;
  outputType: string | null;
  noteId: string | null;
  noteType: string | null;
  note: string;
  question: string;
  entities: Record<string, PythonValue> | null;
  entitiesText: string | null;
  label: string;
  lowerLimit: string | null;
  upperLimit: string | null;
  explanation: string | null;
  contentHash: string;
  instanceHash: string;
}

function instanceRow(datasetId: string, instance: Instance): typeof instances.$inferInsert {
  return {
    datasetId,
    itemId: instance.id,
    row: instance.row,
    calculatorId: instance.calculatorId ?? null,
    calculatorSlug: instance.calculatorSlug ?? null,
    calculatorName: storableText(instance.calculatorName),
    category: storableText(instance.category) ?? null,
    outputType: storableText(instance.outputType) ?? null,
    noteId: storableText(instance.noteId) ?? null,
    noteType: storableText(instance.noteType) ?? null,
    note: storableText(instance.note),
    question: storableText(instance.question),
    entities: storableJson(instance.entities),
    entitiesText: storableText(instance.entitiesText) ?? null,
    label: storableText(instance.label),
    lowerLimit: storableText(instance.lowerLimit) ?? null,
    upperLimit: storableText(instance.upperLimit) ?? null,
    explanation: storableText(instance.explanation) ?? null,
    contentHash: instance.contentHash,
    // Of the row as read, before U+0000 is replaced: the key must tell such a row from one with U+FFFD.
    instanceHash: computeInstanceHash(instance),
  };
}

/** Stores the dataset and its items once (idempotent); logs `dataset.imported` the first time. */
export async function saveDataset(
  db: StoreDatabase,
  dataset: Dataset,
): Promise<{ datasetId: string; imported: boolean }> {
  const datasetId = datasetKey(dataset);
  return db.transaction(async (transaction) => {
    const inserted = await transaction
      .insert(datasets)
      .values({
        id: datasetId,
        source: storableText(dataset.source),
        provenance: storableJson(dataset.provenance),
        format: dataset.format,
        layout: dataset.layout,
        rowCount: dataset.instances.length,
      })
      .onConflictDoNothing()
      .returning({ id: datasets.id });
    if (inserted.length === 0) return { datasetId, imported: false };
    for (const chunk of splitIntoChunks(dataset.instances)) {
      await transaction
        .insert(instances)
        .values(chunk.map((instance) => instanceRow(datasetId, instance)))
        .onConflictDoNothing();
    }
    await transaction.insert(events).values({
      kind: 'dataset.imported',
      actor: SYSTEM_ACTOR,
      datasetId,
      payload: storableJson({
        source: dataset.source,
        provenance: dataset.provenance ?? null,
        rows: dataset.instances.length,
        layout: dataset.layout,
      }),
    });
    return { datasetId, imported: true };
  });
}

export function toStoredInstance(row: typeof instances.$inferSelect): StoredInstance {
  return {
    ...row,
    entities: row.entities === null ? null : parseColumn(entitiesSchema, row.entities, 'item entities'),
  };
}

/** What identifies an item and its original label, without its note, question and entities. */
export interface InstanceLabel {
  itemId: string;
  row: number;
  calculatorId: number | null;
  calculatorName: string;
  label: string;
  lowerLimit: string | null;
  upperLimit: string | null;
}

const LABEL_COLUMNS = {
  itemId: instances.itemId,
  row: instances.row,
  calculatorId: instances.calculatorId,
  calculatorName: instances.calculatorName,
  label: instances.label,
  lowerLimit: instances.lowerLimit,
  upperLimit: instances.upperLimit,
};

/** Ids per query when labels are read by id: well below PostgreSQL's 65,535 bind parameters. */
const IDS_PER_QUERY = 5000;

/**
 * The items' ids and original labels in row order: what a queue or a table needs (no note, no entities). With
 * `itemIds`, only those items.
 */
export async function loadInstanceLabels(
  db: StoreDatabase,
  datasetId: string,
  itemIds?: readonly string[],
): Promise<InstanceLabel[]> {
  if (itemIds === undefined) {
    return db
      .select(LABEL_COLUMNS)
      .from(instances)
      .where(eq(instances.datasetId, datasetId))
      .orderBy(asc(instances.row));
  }
  const labels: InstanceLabel[] = [];
  for (const chunk of splitIntoChunks(itemIds, IDS_PER_QUERY)) {
    labels.push(
      ...(await db
        .select(LABEL_COLUMNS)
        .from(instances)
        .where(and(eq(instances.datasetId, datasetId), inArray(instances.itemId, chunk)))),
    );
  }
  return labels.sort((left, right) => left.row - right.row);
}

/** How many items of the dataset are stored. */
export async function countInstances(db: StoreDatabase, datasetId: string): Promise<number> {
  const [row] = await db.select({ items: count() }).from(instances).where(eq(instances.datasetId, datasetId));
  return row?.items ?? 0;
}

/** The items of a dataset in row order. */
export async function loadInstances(db: StoreDatabase, datasetId: string): Promise<StoredInstance[]> {
  const rows = await db
    .select()
    .from(instances)
    .where(eq(instances.datasetId, datasetId))
    .orderBy(asc(instances.row));
  return rows.map(toStoredInstance);
}

export async function loadDatasetRecord(
  db: StoreDatabase,
  datasetId: string,
): Promise<StoredDataset | undefined> {
  const [row] = await db.select().from(datasets).where(eq(datasets.id, datasetId));
  if (row === undefined) return undefined;
  return {
    ...row,
    provenance:
      row.provenance === null
        ? undefined
        : parseColumn(provenanceSchema, row.provenance, 'dataset provenance'),
  };
}
