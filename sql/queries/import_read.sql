-- Reading a CSV file for import: the macros that read one cell of a real-world file, and the raw read.
-- Each macro statement creates a temporary macro; csvread.install_macros runs them on a connection.

-- name: import_macro_text
-- one cell: surrounding spaces, tabs and non-breaking spaces removed; empty becomes NULL
create or replace temp macro import_text(s) as
    -- The regular expression guard is cheap; trimming a character list on every cell is not.
    case
        when regexp_matches(s, '^[\s\x{00A0}\x{202F}]|[\s\x{00A0}\x{202F}]$')
            then nullif(trim(s, ' ' || chr(9) || chr(10) || chr(160) || chr(8239)), '')
        else nullif(s, '')
    end;

-- name: import_macro_word
-- one word of a vocabulary or a header: lower case, no accent, `_` for runs of spaces, dashes, underscores
create or replace temp macro import_word(s) as
    regexp_replace(lower(strip_accents(trim(s, ' ' || chr(9) || chr(160) || chr(8239)))), '[ _-]+', '_', 'g');

-- name: import_macro_number
-- one number as double: decimal comma or point, spaces as thousands separators, exponent of 1 or 2 digits (always finite), optional trailing %; NULL when it does not parse
create or replace temp macro import_number(s) as
    -- Plain digits first: the usual cell is cast as it is, without the replacements below
    -- (the same cast of the same text; a third of the time on a million cells).
    case when regexp_full_match(s, '[+-]?[0-9]+([.][0-9]+)?') then try_cast(s as double)
         when regexp_full_match(
            s, '[+-]?([0-9]+|[0-9]{1,3}([ \x{00A0}\x{202F}][0-9]{3})+)([.,][0-9]+)?([eE][+-]?[0-9]{1,2})?([ \x{00A0}\x{202F}]?%)?')
         then try_cast(replace(regexp_replace(s, '[ \x{00A0}\x{202F}%]', '', 'g'), ',', '.') as double)
    end;

-- name: import_macro_integer
-- one whole number as bigint: spaces as thousands separators, an all-zero decimal part allowed (`2023,0`); NULL otherwise
create or replace temp macro import_integer(s) as
    case when regexp_full_match(s, '[+-]?[0-9]+') then try_cast(s as bigint)
         when regexp_full_match(s, '[+-]?([0-9]+|[0-9]{1,3}([ \x{00A0}\x{202F}][0-9]{3})+)([.,]0+)?')
         then try_cast(regexp_replace(s, '[ \x{00A0}\x{202F}]|[.,]0+$', '', 'g') as bigint)
    end;

-- name: import_macro_year
-- one year cell: a date (ISO 8601 as a workbook gives it, or French dd/mm/yyyy) gives its year; any other text unchanged
create or replace temp macro import_year(s) as
    case
        when regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?') then left(s, 4)
        when regexp_full_match(s, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}') then right(s, 4)
        else s
    end;

-- name: import_macro_cell_number
-- one number cell of a workbook as text: whole numbers without a decimal part (35238, 2021), others as DuckDB writes a double (12.5)
create or replace temp macro import_cell_number(d) as
    case when d = trunc(d) and abs(d) < 9007199254740992 then (d::bigint)::varchar else d::varchar end;

-- name: import_macro_list
-- one list cell split on `|`: each item as a vocabulary word, empty items dropped
create or replace temp macro import_list(s) as
    list_filter(list_transform(string_split(s, '|'), lambda item: import_word(item)), lambda item: item <> '');

-- name: import_macro_zero_repair
-- a territory code with the leading zero a spreadsheet removed, when only the repaired code is known
create or replace temp macro import_zero_repair(raw, raw_known, repaired_known) as
    case when regexp_full_match(raw, '[0-9]+') and not raw_known and repaired_known
         then '0' || raw else raw end;

-- name: import_read_raw
-- one row per record of the file (header included), every cell as text, in file order; params: path, delimiter, columns
create or replace temp table import_raw as
select *
from read_csv(
    ?, auto_detect = false, header = false, delim = ?, quote = '"', escape = '"',
    columns = ?, null_padding = true, strict_mode = false, parallel = false,
    max_line_size = 16777216
);

-- name: import_macro_email
-- the first e-mail address written in a text, or NULL
create or replace temp macro import_email(s) as
    nullif(regexp_extract(s, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', 0), '');

-- name: import_macro_phone
-- the first French phone number written in a text (0X XX XX XX XX, +33 X…, 0033 X…), or NULL
create or replace temp macro import_phone(s) as
    nullif(regexp_extract(
        s, '(?:^|[^0-9+])((?:(?:\+|00)33 ?(?:\(0\))? ?|0)[1-9](?:[ .-]?[0-9]{2}){4})(?:$|[^0-9])', 1), '');

-- name: import_origin_of_rows
-- one row per staged row asked (param: list of row numbers): the sheet row and wide column it came from
select row_n, sheet_row, wide_n from import_origin where row_n in (select unnest(?::integer[]));

-- name: import_read_wide_unpivot
-- observations of a wide file: one row per non-empty cell of the wide columns of import_raw, numbered in file order (sheet row, then wide column) from a running count of cells per sheet row, with the sheet row and wide column it came from. Params: header_row; wide_positions, wide_years, wide_indicators (one item per wide column); wide_indicator (the indicator comes from the wide columns); for every other column its 0-based position in import_raw (`*_at`, NULL when the file lacks it) or its --set value (NULL when none); overflow_at
create or replace temp table import_unpivoted as
with base as (
    select
        (rowid + $header_row)::integer as sheet_row,
        list_value(*columns('^c[0-9]+$')) as cells
    from import_raw
    where rowid > 0
),

found as (
    select
        sheet_row,
        coalesce($indicateur::varchar, import_text(cells[$indicateur_at::integer + 1])) as indicateur,
        coalesce($territoire::varchar, import_text(cells[$territoire_at::integer + 1])) as territoire,
        coalesce($statut::varchar, import_text(cells[$statut_at::integer + 1])) as statut,
        coalesce($source::varchar, import_text(cells[$source_at::integer + 1])) as source,
        coalesce($note::varchar, import_text(cells[$note_at::integer + 1])) as note,
        coalesce($niveau::varchar, import_text(cells[$niveau_at::integer + 1])) as niveau,
        import_text(cells[$overflow_at::integer + 1]) as overflow,
        list_filter(
            list_transform($wide_positions::integer[],
                lambda position, n: {'cell': import_text(cells[position + 1]), 'wide_n': n - 1}),
            lambda item: item.cell is not null) as wide_cells
    from base
),

-- The window sorts one row per sheet row, not one per cell.
numbered as (
    select
        *,
        coalesce(sum(len(wide_cells)) over (
            order by sheet_row rows between unbounded preceding and 1 preceding), 0) as before_n
    from found
    where len(wide_cells) > 0
),

unpivoted as (
    select
        * exclude (wide_cells),
        unnest(wide_cells) as item,
        unnest(range(1, len(wide_cells) + 1)) as k
    from numbered
)

select
    (before_n + k)::integer as row_n,
    sheet_row,
    item.wide_n::integer as wide_n,
    case when $wide_indicator then ($wide_indicators::varchar[])[item.wide_n + 1] else indicateur end
        as indicateur,
    territoire,
    ($wide_years::varchar[])[item.wide_n + 1] as annee,
    item.cell as valeur,
    statut,
    source,
    note,
    niveau,
    overflow
from unpivoted;

-- name: import_read_wide_staging
-- the staged rows of a wide file in file order, without their origin (the columns of an observations file)
create or replace temp table import_staging as
select * exclude (sheet_row, wide_n) from import_unpivoted order by row_n;

-- name: import_read_wide_origin
-- one row per staged row of a wide file: the sheet row and the wide column it came from
create or replace temp table import_origin as
select row_n, sheet_row, wide_n from import_unpivoted;

-- name: import_read_wide_drop
-- no row: the unpivoted cells, once staged
drop table if exists import_unpivoted
