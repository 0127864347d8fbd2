-- Applying a validated file: difference with the stored rows, preview, batch, history, upsert.
-- Templates: {table} is the dataset's table, {history} its history table, {key} its primary key
-- columns; all three come from the schema (importer.table_key), never from a file.

-- name: import_final_create
-- no row: an empty table shaped like {table} without its provenance column, to receive the file's rows
create or replace temp table import_final as
select * exclude (batch_id) from {table} limit 0;

-- name: import_diff_create
-- one row per row of the file that is new or differs from the stored row (NULL-safe); is_new when its key is not stored
create or replace temp table import_diff as
with stored as (
    select * exclude (batch_id) from {table}
),

present as (
    select {key}, true as is_stored from {table}
),

final as (
    select incoming.*, present.is_stored is null as is_new
    from import_final as incoming
    left join stored using ({key})
    left join present using ({key})
    where incoming is distinct from stored
)

select * from final;

-- name: import_diff_counts
-- one row: rows of the file, new rows, changed rows
select
    (select count(*) from import_final) as rows_n,
    count(*) filter (where is_new) as inserted_n,
    count(*) filter (where not is_new) as updated_n
from import_diff;

-- name: import_preview_added
-- one row per new key, first rows of the file only (param: limit), with its spreadsheet row
select typed.row_n as ligne, diff.* exclude (is_new)
from import_diff as diff
inner join import_typed as typed using ({key})
where diff.is_new
order by typed.row_n
limit ?;

-- name: import_preview_changed
-- one row per changed cell of the first changed rows (param: limit): key, column, stored value, new value, as text
with firsts as (
    select typed.row_n, diff.* exclude (is_new)
    from import_diff as diff
    inner join import_typed as typed using ({key})
    where not diff.is_new
    order by typed.row_n
    limit ?
),

new_cells as (
    from (select row_n, {key}, columns(* exclude (row_n, {key}))::varchar from firsts)
    unpivot include nulls (new_value for column_name in (columns(* exclude (row_n, {key}))))
),

old_cells as (
    from (
        select {key}, columns(* exclude (batch_id, {key}))::varchar
        from {table}
        semi join firsts using ({key})
    )
    unpivot include nulls (old_value for column_name in (columns(* exclude ({key}))))
),

final as (
    select new_cells.row_n as ligne, {key}, new_cells.column_name as colonne,
        old_cells.old_value as avant, new_cells.new_value as apres
    from new_cells
    inner join old_cells using ({key}, column_name)
    where new_cells.new_value is distinct from old_cells.old_value
)

select * from final order by ligne, colonne;

-- name: import_batch_insert
-- one new row of the batch journal; params: id, dataset, file, sha-256, user, rows read/inserted/updated/unchanged, warnings, demo flag
insert into batches (
    batch_id, dataset, file_name, sha256, user_name, applied_at,
    rows_read, inserted, updated, unchanged, warnings, demo
)
values (?, ?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?);

-- name: import_history_updates
-- one history row per stored row the batch changes: its previous version (param: batch id)
insert into {history} by name
select ? as history_batch_id, 'update' as action, stored.*
from {table} as stored
semi join (select {key} from import_diff where not is_new) as changed using ({key});

-- name: import_history_inserts
-- one history row per key the batch adds (param: batch id)
insert into {history} by name
select ? as history_batch_id, 'insert' as action, {key}
from import_diff
where is_new;

-- name: import_insert_new
-- every new row written, stamped with its batch (param: batch id); a plain insert is faster than an upsert
insert into {table} by name
select * exclude (is_new), ? as batch_id
from import_diff
where is_new;

-- name: import_replace_changed
-- every changed row replaced by its new version, stamped with its batch (param: batch id)
insert or replace into {table} by name
select * exclude (is_new), ? as batch_id
from import_diff
where not is_new;

-- name: import_next_batch_id
-- one row: the id of a new batch, read inside the batch's transaction (writers take turns, see
-- db.writing); unlike a sequence, a batch that fails leaves the next number unchanged
select coalesce(max(batch_id), 0) + 1 as batch_id from batches;
