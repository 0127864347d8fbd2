-- Old commune codes, merged since into a commune nouvelle (DATA-CONTRACT.md §5): the shipped
-- COG's pairs read once per file, and the codes a file had converted (observatory/import_old_codes.py).

-- name: import_old_codes_create
-- one row per old commune code of the shipped COG that the base does not hold itself (a base that
-- still holds the old commune keeps it): its commune nouvelle, held by the base or not (param: the
-- COG's anciens_codes.csv.gz)
create or replace temp table import_old_codes as
with reference as (
    select ancien, actuel
    from read_csv(?, delim = ';', header = true, columns = {'ancien': 'varchar', 'actuel': 'varchar'})
),

final as (
    select
        reference.ancien,
        reference.actuel,
        communes.code is not null as actuel_in_base,
        communes.nom as actuel_nom
    from reference
    left join territoires as communes on communes.code = reference.actuel and communes.niveau = 'commune'
    anti join territoires on territoires.code = reference.ancien
)

select * from final;

-- name: import_old_code_summary
-- one row per old code of the file and its commune nouvelle: column, its rows in order, in file order
select
    column_name,
    raw_value as old_code,
    fixed_value as new_code,
    list(row_n order by row_n) as rows_n
from import_conversions
group by column_name, raw_value, fixed_value
order by min(row_n);

-- name: import_old_code_merged_rows
-- one row: the observation rows landing on a key that an old commune code reaches, and those keys
with merged as (
    select indicateur, territoire, niveau, annee, count(*) as rows_n
    from import_typed
    group by indicateur, territoire, niveau, annee
    having bool_or(territoire is distinct from territoire_written)
)

select coalesce(sum(rows_n), 0)::integer as rows_n, count(*)::integer as keys_n from merged;
