-- Partner spreadsheets (DATA-CONTRACT.md §6): saved mappings, and batches that delete rows.
-- A template stores the sheet, header row and mapping (--map, --set, --wide) of one import,
-- as the JSON of observatory.fileshape.FileShape, to be applied to the partner's next file.
create table if not exists import_templates (
    name text primary key,
    dataset text not null,
    shape text not null,
    saved_by text not null,
    saved_at timestamptz not null
);

-- `--replace` deletes the rows absent from the file: counted per batch, and kept in the
-- history (action `delete`, the whole previous row) so that a rollback restores them.
alter table batches add column deleted integer not null default 0;
