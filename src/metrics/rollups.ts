import { ACTIVITY_ROLLUP_TABLES } from './activityRollup.ts';
import { CAMPAIGN_ROLLUP_TABLES } from './campaignRollup.ts';
import { CYCLE_ROLLUP } from './cycleRollup.ts';
import { DEAL_LIST_ROLLUP, DEAL_STAGE_DAYS_ROLLUP } from './dealListRollup.ts';
import { ROLLUP_TABLES } from './dealCube.ts';
import { DWELL_ROLLUP } from './dwellRollup.ts';
import { STALL_ROLLUP } from './dwellStints.ts';
import { FUNNEL_ROLLUP } from './funnelRollup.ts';
import { OPEN_INVOICES_ROLLUP } from './receivables.ts';

/** Every rollup table the model's browser database holds (loaders/parquet.ts writes them; each module says what it answers). */
export const MODEL_ROLLUP_TABLES: readonly string[] = [
  ...ROLLUP_TABLES,
  FUNNEL_ROLLUP,
  ...CAMPAIGN_ROLLUP_TABLES,
  CYCLE_ROLLUP,
  DEAL_LIST_ROLLUP,
  DEAL_STAGE_DAYS_ROLLUP,
  STALL_ROLLUP,
  DWELL_ROLLUP,
  OPEN_INVOICES_ROLLUP,
  ...ACTIVITY_ROLLUP_TABLES,
];
