-- Import of the indicator catalogue (dataset `indicateurs`, key code).

-- name: import_indicateurs_typed
-- one row per data row of the file: typed values, contract defaults applied
create or replace temp table import_typed as
with final as (
    select
        row_n,
        code,
        libelle,
        import_word(theme) as theme,
        import_word(unite) as unite,
        description,
        source,
        coalesce(import_word(sens), 'neutre') as sens,
        coalesce(import_word(agregation), 'aucune') as agregation,
        numerateur,
        denominateur,
        coalesce(try_cast(import_integer(secret_seuil) as integer), 0) as secret_seuil,
        try_cast(import_integer(a_la_une) as integer) as a_la_une
    from import_staging
)

select * from final;

-- name: import_indicateurs_problems
-- one row per badly written code, per ratio without its numerator or denominator, per unknown component
insert into import_problems
with known as (
    select code from import_typed where code is not null
    union
    select code from indicateurs
),

bad_codes as (
    select
        row_n,
        'code' as column_name,
        code as raw_value,
        'indicator_code' as problem,
        regexp_replace(import_word(code), '[^a-z0-9_]', '', 'g') as detail
    from import_typed
    where not regexp_full_match(code, '[a-z0-9_]+')
),

reserved_codes as (
    select row_n, 'code' as column_name, code as raw_value, 'directory_indicator' as problem,
        null::varchar as detail
    from import_typed
    semi join directory_indicators using (code)
),

components as (
    select row_n, 'numerateur' as column_name, numerateur as component, agregation from import_typed
    union all
    select row_n, 'denominateur', denominateur, agregation from import_typed
),

missing_components as (
    select row_n, column_name, null::varchar as raw_value, 'ratio_missing' as problem, null::varchar as detail
    from components
    where agregation = 'ratio' and component is null
),

unknown_components as (
    select row_n, column_name, component as raw_value, 'unknown_component' as problem, null::varchar as detail
    from components
    where component is not null and component not in (select code from known)
),

final as (
    select * from bad_codes
    union all
    select * from reserved_codes
    union all
    select * from missing_components
    union all
    select * from unknown_components
)

select * from final;

-- name: import_indicateurs_final
-- one row per data row, shaped like the table `indicateurs`
insert into import_final by name
select code, libelle, theme, unite, description, source, sens, agregation, numerateur, denominateur, secret_seuil,
    a_la_une
from import_typed;
