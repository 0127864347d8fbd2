-- Applying a validated file, for every dataset: difference with the stored rows, preview,
-- history, upsert. Templates (observatory/dataset_sql.py): {table} is the dataset's table,
-- {history} its history table, {key} its primary key columns.

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

-- name: import_preview_added
-- one row per new key, first rows of the file only (param: limit), with its spreadsheet row (the
-- first, when rows land on one key through old commune codes)
select typed.row_n as ligne, diff.* exclude (is_new)
from import_diff as diff
inner join (select {key}, min(row_n) as row_n from import_typed group by all) as typed using ({key})
where diff.is_new
order by typed.row_n
limit ?;

-- name: import_preview_added_among_first
-- import_preview_added looked for among the file's first rows only (param: limit): the same rows when it finds as many as the limit or as the new keys, without joining every row
-- (a key written on several of those rows, through old commune codes, at its first)
with firsts as (
    select {key}, min(row_n) as row_n
    from (select row_n, {key} from import_typed order by row_n limit $limit)
    group by all
)

select firsts.row_n as ligne, diff.* exclude (is_new)
from firsts
inner join import_diff as diff using ({key})
where diff.is_new
order by firsts.row_n;

-- name: import_preview_changed
-- one row per changed cell of the first changed rows (param: limit): key, column, stored value, new value, as text
with firsts as (
    select typed.row_n, diff.* exclude (is_new)
    from import_diff as diff
    inner join (select {key}, min(row_n) as row_n from import_typed group by all) as typed using ({key})
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

-- name: import_deleted_create
-- with --replace: one row per stored row the file does not have (the whole stored row), to be deleted
create or replace temp table import_deleted as
select stored.* exclude (batch_id)
from {table} as stored
anti join import_final using ({key});

-- name: import_deleted_create_observations
-- with --replace on observations: the stored rows of the indicators present in the file that the file does not have
create or replace temp table import_deleted as
select stored.* exclude (batch_id)
from observations as stored
semi join (select distinct indicateur from import_final) as present using (indicateur)
anti join import_final using (indicateur, territoire, niveau, annee);

-- name: import_deleted_create_indicateurs
-- with --replace on indicateurs: the stored indicators the file does not have, except those computed
-- from the directory (no file defines them)
create or replace temp table import_deleted as
select stored.* exclude (batch_id)
from indicateurs as stored
anti join import_final using (code)
anti join directory_indicators using (code);

-- name: import_deleted_empty
-- without --replace: nothing is deleted (an empty table shaped like the stored rows)
create or replace temp table import_deleted as
select * exclude (batch_id) from {table} limit 0;

-- name: import_changes_inserted
-- the keys of the first new rows, in key order (param: limit)
select {key} from import_diff where is_new order by {key} limit ?;

-- name: import_changes_deleted
-- the keys of the first deleted rows, in key order (param: limit)
select {key} from import_deleted order by {key} limit ?;

-- name: import_changes_updated
-- one row per changed cell of the first changed rows (param: limit): key, column, old and new value as JSON
with firsts as (
    select * exclude (is_new) from import_diff where not is_new order by {key} limit ?
),

new_cells as (
    from (select {key}, to_json(columns(* exclude ({key}))) from firsts)
    unpivot include nulls (new_value for column_name in (columns(* exclude ({key}))))
),

old_cells as (
    from (
        select {key}, to_json(columns(* exclude (batch_id, {key})))
        from {table}
        semi join firsts using ({key})
    )
    unpivot include nulls (old_value for column_name in (columns(* exclude ({key}))))
),

final as (
    select {key}, new_cells.column_name, old_cells.old_value, new_cells.new_value
    from new_cells
    inner join old_cells using ({key}, column_name)
    where new_cells.new_value is distinct from old_cells.old_value
)

select * from final order by {key}, column_name;

-- name: import_history_deletes
-- one history row per stored row the batch deletes: its whole previous version (param: batch id)
insert into {history} by name
select ? as history_batch_id, 'delete' as action, stored.*
from {table} as stored
semi join import_deleted using ({key});

-- name: import_delete_absent
-- every row the file deletes (--replace), removed
delete from {table}
where ({key}) in (select {key} from import_deleted);
