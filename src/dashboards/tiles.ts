import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/translate.ts';
import type { KpiRow } from '../metrics/kpis.ts';
import type { OverviewView } from './overview.ts';

export type TileKey =
  | 'won_amount'
  | 'attainment'
  | 'win_rate'
  | 'avg_deal_size'
  | 'avg_sales_cycle_days'
  | 'open_pipeline'
  | 'weighted_pipeline';

/** How a tile compares with the previous period. */
export type Trend = 'better' | 'worse' | 'flat' | 'none';

export interface Tile {
  readonly key: TileKey;
  readonly label: string;
  /** The raw figure (also put in `data-value` so tests compare numbers, not formatted text). */
  readonly value: number | null;
  readonly display: string;
  /** A second line: what the figure is made of. */
  readonly detail: string;
  readonly previous: number | null;
  /** "Previous: …", or why there is none. */
  readonly previousText: string;
  readonly change: string;
  readonly trend: Trend;
}

type ChangeKind = 'relative' | 'points' | 'days';

function change(
  kind: ChangeKind,
  current: number | null,
  previous: number | null,
  lowerIsBetter: boolean,
  fmt: Format,
  t: Translate,
) {
  if (current === null || previous === null) return { change: '', trend: 'none' as Trend };
  const delta = current - previous;
  if (delta === 0) return { change: t('change.flat'), trend: 'flat' as Trend };
  let text: string;
  if (kind === 'relative') {
    if (previous === 0) return { change: '', trend: 'none' as Trend };
    text = fmt.signedPercent(delta / Math.abs(previous));
  } else if (kind === 'points') {
    text = t('change.points', { value: fmt.points(delta) });
  } else {
    text = t('units.days', { value: fmt.signedDays(delta) });
  }
  return { change: text, trend: delta < 0 === lowerIsBetter ? ('better' as Trend) : ('worse' as Trend) };
}

/**
 * The overview's headline tiles, in the order an executive reads them. Closed-deal figures compare with
 * the comparison period; attainment compares with the targets of that period; the open and weighted
 * pipeline are a snapshot at the data date, so they say so instead of showing a change of zero.
 */
export function kpiTiles(view: OverviewView, fmt: Format, t: Translate): Tile[] {
  const k: KpiRow = view.kpis;
  const compared = k.prev_from !== null;
  const closed = (
    key: 'won_amount' | 'win_rate' | 'avg_deal_size' | 'avg_sales_cycle_days',
    show: (v: number | null) => string,
    kind: ChangeKind,
    detail: string,
    lowerIsBetter = false,
  ): Tile => {
    const value = k[key];
    const previous = compared ? k[`prev_${key}`] : null;
    return {
      key,
      label: t(`kpi.${key}`),
      value,
      display: show(value),
      detail,
      previous,
      previousText: compared ? t('kpi.previous', { value: show(previous) }) : t('kpi.no_previous'),
      ...change(kind, value, previous, lowerIsBetter, fmt, t),
    };
  };
  const days = (v: number | null) => (v === null ? fmt.days(null) : t('units.days', { value: fmt.days(v) }));
  const { current, previous } = view.figures.attainment;
  const attainmentTile: Tile = {
    key: 'attainment',
    label: t('kpi.attainment'),
    value: current?.attainment ?? null,
    display: fmt.percent(current?.attainment ?? null),
    detail: current
      ? t('kpi.target_of', { won: fmt.moneyShort(current.wonAmount), target: fmt.moneyShort(current.target) })
      : t('kpi.no_target'),
    previous: previous?.attainment ?? null,
    previousText: previous
      ? t('kpi.previous', { value: fmt.percent(previous.attainment) })
      : compared
        ? t('kpi.no_previous_target')
        : t('kpi.no_previous'),
    ...change('points', current?.attainment ?? null, previous?.attainment ?? null, false, fmt, t),
  };
  const snapshot = (key: 'open_pipeline' | 'weighted_pipeline'): Tile => ({
    key,
    label: t(`kpi.${key}`),
    value: k[key],
    display: fmt.moneyShort(k[key]),
    detail: fmt.money(k[key]),
    previous: null,
    previousText: t('kpi.snapshot'),
    change: '',
    trend: 'none',
  });
  return [
    closed(
      'won_amount',
      fmt.moneyShort,
      'relative',
      t('kpi.deals', { won: fmt.count(k.won_deals), lost: fmt.count(k.lost_deals) }),
    ),
    attainmentTile,
    closed(
      'win_rate',
      fmt.percent,
      'points',
      t('kpi.deals', { won: fmt.count(k.won_deals), lost: fmt.count(k.lost_deals) }),
    ),
    closed('avg_deal_size', fmt.moneyShort, 'relative', fmt.money(k.avg_deal_size)),
    closed('avg_sales_cycle_days', days, 'days', '', true),
    snapshot('open_pipeline'),
    snapshot('weighted_pipeline'),
  ];
}
