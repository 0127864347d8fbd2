-- Applying a validated file: its counts, the batch, deletions under --replace. The statements
-- written once for every dataset (difference, preview, history, upsert) are in sql/per_dataset.

-- name: import_diff_counts
-- one row: rows of the file, new rows, changed rows
select
    (select count(*) from import_final) as rows_n,
    count(*) filter (where is_new) as inserted_n,
    count(*) filter (where not is_new) as updated_n
from import_diff;

-- name: import_batch_insert
-- one new row of the batch journal; params: id, dataset, file, sha-256, user, rows read/inserted/updated/unchanged/deleted, warnings, demo flag
insert into batches (
    batch_id, dataset, file_name, sha256, user_name, applied_at,
    rows_read, inserted, updated, unchanged, deleted, warnings, demo
)
values (?, ?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?);

-- name: import_next_batch_id
-- one row: the id of a new batch, read inside the batch's transaction (writers take turns, see
-- db.writing); unlike a sequence, a batch that fails leaves the next number unchanged
select coalesce(max(batch_id), 0) + 1 as batch_id from batches;

-- name: import_deleted_count
-- one row: how many stored rows the file deletes
select count(*) as deleted_n from import_deleted;

-- name: import_preview_deleted
-- one row per deleted row, first ones only (param: limit)
select * from import_deleted order by all limit ?;

-- name: import_territoires_stage_change
-- one row per territory the file deletes (removed) or writes (incoming), for territoires_removed_references
create or replace temp table territoires_change as
select code, niveau, null::varchar as region, null::varchar as departement, null::varchar as epci,
    null::varchar as commune, 'removed' as change
from import_deleted
union all
select code, niveau, region, departement, epci, commune, 'incoming' as change
from import_final;

-- name: import_indicateurs_delete_references
-- one row per kind of data that still uses an indicator the file deletes: table, rows, example
with removed as (
    select code from import_deleted
),

kept_indicators as (
    select code, numerateur, denominateur from indicateurs anti join removed using (code)
    union all
    select code, numerateur, denominateur from import_final
),

observation_refs as (
    select 'observations' as table_name, count(*) as rows_n, min(observations.indicateur) as example
    from observations
    semi join removed on removed.code = observations.indicateur
),

indicator_refs as (
    select 'indicateurs' as table_name, count(*) as rows_n,
        min(kept.code || ' (' || coalesce(kept.numerateur, '') || ' / ' || coalesce(kept.denominateur, '') || ')') as example
    from kept_indicators as kept
    semi join removed on removed.code = kept.numerateur or removed.code = kept.denominateur
),

final as (
    select * from observation_refs
    union all
    select * from indicator_refs
)

select * from final where rows_n > 0 order by table_name;
