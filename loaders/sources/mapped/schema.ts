import { z } from 'zod';

/**
 * The mapping file of `--source mapped`: which file holds each canonical table and how its columns become
 * canonical fields. docs/sources/mapped.md explains every key; examples/mapping.schema.json is generated
 * from this schema so editors can check a mapping while it is written.
 */

const numberFormat = z
  .object({
    decimal: z.enum(['.', ',']).describe('decimal separator'),
    thousands: z.enum(['', ',', '.', ' ', "'", '\u00a0']).optional().describe('thousands separator to remove'),
  })
  .strict();

const lookup = z
  .object({
    file: z.string().min(1).describe('file holding the lookup table, relative to --in'),
    key: z.string().min(1).describe('column of the lookup file matched against the source value'),
    value: z.string().min(1).describe('column of the lookup file that becomes the field'),
    sheet: z.string().optional(),
    encoding: z.string().optional(),
    delimiter: z.string().length(1).optional(),
  })
  .strict();

const fieldObject = z
  .object({
    column: z.string().min(1).optional().describe('source column (header as written)'),
    value: z.string().optional().describe('a constant instead of a column'),
    values: z.record(z.string(), z.string()).optional().describe('source value → field value (e.g. stage names)'),
    lookup: lookup.optional().describe('replace the source value by a column of another file'),
    format: z.string().min(1).optional().describe('date format of the source, e.g. M/D/YYYY or DD.MM.YYYY HH:mm'),
    number: numberFormat.optional(),
    ifEmpty: z
      .enum(['error', 'warn', 'ignore'])
      .optional()
      .describe('what an empty value is: default error for required fields, ignore otherwise'),
    default: z
      .string()
      .optional()
      .describe('value used when the source is empty (with ifEmpty warn, each use is reported)'),
  })
  .strict();

export const fieldSchema = z.union([z.string().min(1), fieldObject]);

const stageRow = z
  .object({
    stage: z.string().min(1),
    order: z.number().int(),
    probability: z.number().min(0).max(1),
    kind: z.enum(['open', 'won', 'lost']),
    pipeline: z.string().optional(),
  })
  .strict();

const tableMapping = z
  .object({
    file: z.string().min(1).describe('source file relative to --in: .csv, .xlsx or .xls'),
    sheet: z.string().optional().describe('sheet of a workbook (default: the first)'),
    headerRow: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('1-based row holding the headers (default: the first row with two filled cells)'),
    encoding: z.string().optional().describe('text encoding of a CSV (default: detected)'),
    delimiter: z.string().length(1).optional().describe('CSV field separator (default ,)'),
    columns: z.record(z.string(), fieldSchema).describe('canonical field → source'),
    stageHistory: z
      .record(z.string(), fieldSchema)
      .optional()
      .describe('opportunities only: stage → column holding the date the deal entered it'),
  })
  .strict();

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    dateFormat: z.string().optional().describe('default date format of every date and timestamp field'),
    number: numberFormat.optional().describe('default number format of every number field'),
    stages: z.array(stageRow).min(1).optional().describe('a fixed stage table instead of a mapped stages file'),
    tables: z.record(z.string(), tableMapping),
  })
  .strict();

export type FieldSpec = z.infer<typeof fieldSchema>;
export type NumberFormat = z.infer<typeof numberFormat>;
export type TableMapping = z.infer<typeof tableMapping>;
export type Mapping = z.infer<typeof mappingSchema>;
