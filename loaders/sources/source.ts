import type { NativeEngine } from '../../src/db/native.ts';
import type { InputFile } from '../../src/model/manifest.ts';
import type { ProblemLog } from '../validate/problem.ts';
import type { StagedTable } from './staging/rowStager.ts';

/** What every source gets: the engine to stage into, the user's options, and where problems go. */
export interface SourceContext {
  readonly engine: NativeEngine;
  /** The export folder (`--in`). */
  readonly inDir: string;
  /** IANA zone for timestamps without offset. */
  readonly tz: string;
  readonly log: ProblemLog;
  /** `--config`: the mapping file of `--source mapped`. */
  readonly config?: string | undefined;
  /** `--encoding`: the text encoding of CSV files when it cannot be detected (e.g. gbk, gb18030). */
  readonly encoding?: string | undefined;
  /** `--url`: a database connection string (`--source postgres`). */
  readonly url?: string | undefined;
  readonly onRead: (file: string, rows: number, bytes: number, totalBytes: number) => void;
}

/** The canonical staging tables a source filled, and the inputs the manifest records (hash, bytes, rows). */
export interface StagedSource {
  readonly tables: Record<string, StagedTable>;
  readonly inputs: readonly InputFile[];
}

/**
 * A CRM kind: reads its export, maps it to the canonical tables and stages them through `RowStager`, so
 * every source meets the same validation, integrity checks and derivation as canonical CSV.
 */
export interface Source {
  stage(ctx: SourceContext): Promise<StagedSource>;
}
