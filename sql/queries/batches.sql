-- The batch journal and rollbacks (undoing a batch's rows: sql/per_dataset/batches.sql).

-- name: batches_list
-- one row per batch, newest first
select
    batch_id,
    dataset,
    file_name,
    sha256,
    user_name,
    applied_at,
    rows_read,
    inserted,
    updated,
    unchanged,
    deleted,
    warnings,
    rolled_back_at,
    rolled_back_by
from batches
order by batch_id desc;

-- name: batches_one
-- one row for the batch asked (param: batch id): its dataset and whether it was rolled back
select dataset, strftime(rolled_back_at, '%d/%m/%Y à %H:%M') as rolled_back_at_text, rolled_back_by
from batches
where batch_id = ?;

-- name: batches_mark_rolled_back
-- the batch marked as rolled back (params: user, batch id)
update batches
set rolled_back_at = current_timestamp, rolled_back_by = ?
where batch_id = ?;

-- name: batches_territoires_stage_change
-- one row per territory the batch inserted (removed by its rollback), for territoires_removed_references (param: batch id)
create or replace temp table territoires_change as
select code, niveau, null::varchar as region, null::varchar as departement, null::varchar as epci,
    null::varchar as commune, 'removed' as change
from territoires_history
where history_batch_id = ? and action = 'insert';

-- name: batches_indicateurs_references
-- one row per kind of data still referring to an indicator the batch inserted: table, rows, example (param: batch id)
with removed as (
    select code from indicateurs_history where history_batch_id = ? and action = 'insert'
),

observation_refs as (
    select 'observations' as table_name, count(*) as rows_n, min(observations.indicateur) as example
    from observations
    semi join removed on removed.code = observations.indicateur
),

indicator_refs as (
    select 'indicateurs' as table_name, count(*) as rows_n, min(kept.code) as example
    from (select * from indicateurs anti join removed using (code)) as kept
    semi join removed on removed.code = kept.numerateur or removed.code = kept.denominateur
),

final as (
    select * from observation_refs
    union all
    select * from indicator_refs
)

select * from final where rows_n > 0 order by table_name;
