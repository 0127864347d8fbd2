-- Import templates (sql/schema/008): the sheet, header row and mapping of a partner's file.

-- name: templates_table_exists
-- one row when the template table exists (a snapshot older than migration 008 has none)
select 1 from duckdb_tables() where table_name = 'import_templates' and not temporary;

-- name: templates_one
-- one row for the template asked (param: name): its dataset and shape (JSON)
select dataset, shape from import_templates where name = ?;

-- name: templates_save
-- the template stored, replacing one of the same name (params: name, dataset, shape JSON, user)
insert or replace into import_templates (name, dataset, shape, saved_by, saved_at)
values (?, ?, ?, ?, current_timestamp);

-- name: templates_names
-- one row per template, by name, of one dataset or all (param: dataset or NULL)
select name from import_templates where $1::varchar is null or dataset = $1::varchar order by name;

-- name: templates_list
-- one row per template, by name: name, dataset, shape, who saved it, when (dd/mm/yyyy hh:mm)
select name, dataset, shape, saved_by, strftime(saved_at, '%d/%m/%Y %H:%M') as saved_at_text
from import_templates
order by name;
