-- Checks of a staged file written once for every dataset ({file_key}: the key as the file
-- writes it, observatory/dataset_sql.py) or for every free-text column ({column}).

-- name: import_duplicate_problems
-- one row per data row whose key (as the file writes it) already appeared on an earlier row of the file
insert into import_problems
with keyed as (
    select row_n, {file_key} from import_typed
),

firsts as (
    select {file_key}, min(row_n) as first_row_n
    from keyed
    group by all
    having count(*) > 1
),

final as (
    select
        keyed.row_n,
        null::varchar as column_name,
        concat_ws(' | ', {file_key}) as raw_value,
        'duplicate' as problem,
        firsts.first_row_n::varchar as detail
    from keyed
    inner join firsts using ({file_key})
    where keyed.row_n > firsts.first_row_n
)

select * from final;

-- name: import_bidi_free_text_summary
-- one row for a free-text column: cells holding bidirectional controls, first such row (param: character class)
select count(*) as cells_n, min(row_n) as first_row_n
from import_staging
where regexp_matches({column}, ?);

-- name: import_bidi_free_text_strip
-- bidirectional controls removed from a free-text column, an emptied cell becoming NULL (param: character class)
update import_staging
set {column} = import_text(regexp_replace({column}, $1, '', 'g'))
where regexp_matches({column}, $1);
