-- Import of indicator values (dataset `observations`, key indicateur + territoire + annee,
-- stored with the territory's level resolved from the reference).

-- name: import_observations_typed
-- one row per data row of the file: typed values, territory code repaired and its level resolved
create or replace temp table import_typed as
with staged as (
    select
        row_n,
        indicateur,
        upper(territoire) as territoire_raw,
        import_word(niveau) as niveau_asked,
        try_cast(import_integer(annee) as integer) as annee,
        valeur as valeur_text,
        import_number(valeur) as valeur,
        coalesce(contains(valeur, '%'), false) as valeur_has_percent,
        coalesce(import_word(statut), 'definitif') as statut,
        source,
        note
    from import_staging
),

levels as (
    select
        code,
        count(*) as levels_n,
        min(niveau) as only_level,
        string_agg(niveau, ', ' order by niveau) as levels_list
    from territoires
    group by code
),

repaired as (
    select
        staged.*,
        import_zero_repair(staged.territoire_raw, as_is.code is not null, padded.code is not null) as territoire
    from staged
    left join levels as as_is on as_is.code = staged.territoire_raw
    left join levels as padded on padded.code = '0' || staged.territoire_raw
),

final as (
    select
        repaired.*,
        levels.levels_n,
        levels.levels_list,
        case
            when repaired.niveau_asked is not null then asked.niveau
            when levels.levels_n = 1 then levels.only_level
        end as niveau
    from repaired
    left join levels on levels.code = repaired.territoire
    left join territoires as asked
        on asked.code = repaired.territoire and asked.niveau = repaired.niveau_asked
)

select * from final;

-- name: import_observations_problems
-- one row per unknown indicator or territory, ambiguous territory code, value outside its unit's range
insert into import_problems
with checked as (
    select
        typed.*,
        indicateurs.code as indicator_code,
        indicateurs.unite
    from import_typed as typed
    left join indicateurs on indicateurs.code = typed.indicateur
),

unknown_indicators as (
    select row_n, 'indicateur' as column_name, indicateur as raw_value, 'unknown_indicator' as problem,
        null::varchar as detail
    from checked
    where indicateur is not null and indicator_code is null
),

directory_figures as (
    select row_n, 'indicateur' as column_name, indicateur as raw_value,
        'directory_indicator' as problem, null::varchar as detail
    from import_typed
    semi join directory_indicators on directory_indicators.code = import_typed.indicateur
),

territory_problems as (
    select
        row_n,
        'territoire' as column_name,
        territoire_raw as raw_value,
        case
            when levels_n is null then 'unknown_territory'
            when niveau_asked is not null and list_contains(?, niveau_asked) then 'territory_level_mismatch'
            when niveau_asked is null and levels_n > 1 then 'ambiguous_territory'
        end as problem,
        case when levels_n is null then null when niveau_asked is not null then niveau_asked
            else levels_list end as detail
    from checked
    where territoire_raw is not null and niveau is null
),

value_problems as (
    select
        row_n,
        'valeur' as column_name,
        valeur_text as raw_value,
        case
            when valeur_has_percent and unite <> 'pourcentage' then 'percent_sign'
            when unite = 'pourcentage' and (valeur < 0 or valeur > 100) then 'percent_range'
            when unite in ('nombre', 'euros', 'tonnes', 'etp') and valeur < 0 then 'negative'
        end as problem,
        unite as detail
    from checked
    where valeur is not null
),

final as (
    select * from unknown_indicators
    union all
    select * from directory_figures
    union all
    select * from territory_problems where problem is not null
    union all
    select * from value_problems where problem is not null
)

select * from final;

-- name: import_observations_repairs
-- one row per code cell whose leading zero was restored: row, column, value as written, repaired value
create or replace temp table import_repairs as
with repaired as (
    select row_n, 'territoire' as column_name, territoire_raw as raw_value, territoire as fixed_value
    from import_typed
    where territoire is distinct from territoire_raw
)

select * from repaired;

-- name: import_observations_final
-- one row per data row, shaped like the table `observations`
insert into import_final by name
select indicateur, territoire, niveau, annee, valeur, statut, source, note
from import_typed;
