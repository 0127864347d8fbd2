-- Validation of a staged file: problems found in SQL over the whole file at once.
-- Tables: import_staging (text cells, csvread), import_rules (one row per column, importer),
-- import_typed (typed values, per-dataset statements), import_problems (what is wrong).

-- name: import_rules_create
-- one row per column of the dataset being imported: kind, requirement, vocabulary, bounds
create or replace temp table import_rules (
    column_name varchar,
    position_n integer,
    kind varchar,
    required boolean,
    choices varchar[],
    minimum_n double,
    maximum_n double,
    percent_allowed boolean
);

-- name: import_rules_insert
-- one rule row (params: column, position, kind, required, choices, minimum, maximum, percent allowed)
insert into import_rules values (?, ?, ?, ?, ?, ?, ?, ?);

-- name: import_work_table_exists
-- one row when the temporary work table named exists (param: table name), none otherwise
select 1 as present from duckdb_tables() where temporary and table_name = ?;

-- name: import_problems_create
-- one row per problem found: spreadsheet row, column, value as written, problem code, detail
create or replace temp table import_problems (
    row_n integer,
    column_name varchar,
    raw_value varchar,
    problem varchar,
    detail varchar
);

-- name: import_generic_problems
-- one row per cell breaking its column's rule (required, type, vocabulary, bounds) and per row with too many values
insert into import_problems
with cells as (
    from import_staging
    unpivot include nulls (raw_value for column_name in (columns(* exclude (row_n, overflow))))
),

ruled as (
    select
        cells.row_n,
        cells.column_name,
        cells.raw_value,
        rules.kind,
        rules.required,
        rules.choices,
        rules.minimum_n,
        rules.maximum_n,
        rules.percent_allowed
    from cells
    inner join import_rules as rules using (column_name)
    where (cells.raw_value is null and rules.required)
        or (cells.raw_value is not null and (rules.kind <> 'text' or rules.choices is not null))
),

parsed as (
    select
        *,
        case kind
            when 'integer' then import_integer(raw_value)
            when 'decimal' then import_number(raw_value)
        end as number_value
    from ruled
),

judged as (
    select
        row_n,
        column_name,
        raw_value,
        case
            when raw_value is null then 'required'
            when kind = 'integer' and number_value is null then 'integer'
            when kind = 'decimal' and number_value is null then 'decimal'
            when kind = 'decimal' and not percent_allowed and contains(raw_value, '%') then 'percent_sign'
            when kind = 'boolean' and not list_contains(choices, import_word(raw_value)) then 'boolean'
            when kind = 'list'
                and len(list_filter(import_list(raw_value), lambda item: not list_contains(choices, item))) > 0
                then 'list_choice'
            when kind in ('text', 'code') and choices is not null
                and not list_contains(choices, import_word(raw_value)) then 'choice'
            when number_value < minimum_n then 'minimum'
            when number_value > maximum_n then 'maximum'
        end as problem,
        case
            when kind = 'list' then array_to_string(
                list_filter(import_list(raw_value), lambda item: not list_contains(choices, item)), ', ')
            when number_value < minimum_n then minimum_n::varchar
            when number_value > maximum_n then maximum_n::varchar
        end as detail
    from parsed
),

overflowing as (
    select
        row_n,
        null::varchar as column_name,
        overflow as raw_value,
        'too_many_values' as problem,
        null::varchar as detail
    from import_staging
    where overflow is not null
),

final as (
    select row_n, column_name, raw_value, problem, detail from judged where problem is not null
    union all
    select row_n, column_name, raw_value, problem, detail from overflowing
)

select * from final;

-- name: import_problem_count
-- one row: how many problems were found
select count(*) as problems_n from import_problems;

-- name: import_problem_list
-- one row per problem, in row then column order, first ones only (param: limit)
select problems.row_n, problems.column_name, problems.raw_value, problems.problem, problems.detail
from import_problems as problems
left join import_rules as rules using (column_name)
order by problems.row_n nulls first, rules.position_n nulls last, problems.problem
limit ?;

-- name: import_repair_summary
-- one row per code column where leading zeros were restored: how many, and the first example
with final as (
    select
        column_name,
        count(*) as repaired_n,
        min(row_n) as first_row_n,
        arg_min(raw_value, row_n) as example_raw,
        arg_min(fixed_value, row_n) as example_fixed
    from import_repairs
    group by column_name
)

select * from final order by column_name;

-- name: import_bidi_problems
-- one row per cell holding bidirectional controls (free text was cleaned before), detail = the code points; param: character class
insert into import_problems
with cells as (
    from import_staging
    unpivot (raw_value for column_name in (columns(* exclude (row_n, overflow))))
),

final as (
    select
        row_n,
        column_name,
        raw_value,
        'bidi_control' as problem,
        array_to_string(list_sort(list_distinct(list_transform(
            regexp_extract_all(raw_value, $1), lambda ch: printf('U+%04X', unicode(ch))))), ', ') as detail
    from cells
    where regexp_matches(raw_value, $1)
)

select * from final;

-- name: import_bidi_supersedes
-- other problems of a cell holding bidirectional controls removed: that one is reported alone
delete from import_problems as other
where other.problem <> 'bidi_control'
    and exists (
        select 1 from import_problems as bidi
        where bidi.problem = 'bidi_control'
            and bidi.row_n = other.row_n
            and bidi.column_name is not distinct from other.column_name
    );
