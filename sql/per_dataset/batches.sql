-- Rolling a batch back, for every dataset. Templates: {table}, {history}, {key} (see import_apply.sql).

-- name: batches_later_conflicts
-- one row per later batch, still applied, that touched a key the batch touched (params: batch id twice)
select distinct later.history_batch_id as batch_id
from {history} as mine
inner join {history} as later using ({key})
inner join batches on batches.batch_id = later.history_batch_id
where mine.history_batch_id = ?
    and later.history_batch_id > ?
    and batches.rolled_back_at is null
order by batch_id;

-- name: batches_rollback_delete
-- every row the batch inserted, deleted (param: batch id)
delete from {table}
where ({key}) in (
    select {key} from {history} where history_batch_id = ? and action = 'insert'
);

-- name: batches_rollback_restore
-- every row the batch updated or deleted, back to its previous version and provenance (param: batch id)
insert or replace into {table} by name
select * exclude (history_batch_id, action)
from {history}
where history_batch_id = ? and action in ('update', 'delete');
