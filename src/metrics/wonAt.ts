/**
 * When a won deal was won (spec cycle_times): its first stage_history row in a won stage; without one,
 * close_date at 00:00 UTC but never before created_at. NULL unless the deal is currently won.
 * A CTE fragment `won_at(opp_id, won_at)` shared by cycle_times and kpis so both use one definition.
 */
export const WON_AT_CTE = `won_at AS (
  SELECT o.opp_id,
         coalesce(h.first_won, greatest(CAST(o.close_date AS TIMESTAMP), o.created_at)) AS won_at
  FROM opportunities o
  LEFT JOIN (
    SELECT h.opp_id, min(h.entered_at) AS first_won
    FROM stage_history h JOIN stages s ON s.stage = h.stage
    WHERE s.kind = 'won'
    GROUP BY h.opp_id
  ) h ON h.opp_id = o.opp_id
  WHERE o.stage_kind = 'won'
)`;
