-- Import of indicator values (dataset `observations`, key indicateur + territoire + annee,
-- stored with the territory's level resolved from the reference).

-- name: import_observations_typed
-- one row per data row of the file: typed values, territory code repaired (territoire_written),
-- an old commune code converted to its commune nouvelle (territoire), and its level resolved
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

old_codes as (
    select ancien, actuel from import_old_codes where actuel_in_base
),

repaired as (
    -- An old commune code counts as known here: its zero eaten, it is repaired then converted.
    select
        staged.*,
        import_zero_repair(staged.territoire_raw, as_is.code is not null or as_is_old.ancien is not null,
            padded.code is not null or padded_old.ancien is not null) as territoire_written
    from staged
    left join levels as as_is on as_is.code = staged.territoire_raw
    left join levels as padded on padded.code = '0' || staged.territoire_raw
    left join old_codes as as_is_old on as_is_old.ancien = staged.territoire_raw
    left join old_codes as padded_old on padded_old.ancien = '0' || staged.territoire_raw
),

converted as (
    select repaired.*, coalesce(old_codes.actuel, repaired.territoire_written) as territoire
    from repaired
    left join old_codes on old_codes.ancien = repaired.territoire_written
),

final as (
    select
        converted.*,
        levels.levels_n,
        levels.levels_list,
        case
            when converted.niveau_asked is not null then asked.niveau
            when levels.levels_n = 1 then levels.only_level
        end as niveau
    from converted
    left join levels on levels.code = converted.territoire
    left join territoires as asked
        on asked.code = converted.territoire and asked.niveau = converted.niveau_asked
)

select * from final;

-- name: import_observations_problems
-- one row per unknown indicator or territory, ambiguous territory code, value outside its unit's range,
-- old commune code of a value that cannot be added to its commune nouvelle's
insert into import_problems
with checked as (
    select
        typed.*,
        indicateurs.code as indicator_code,
        indicateurs.unite,
        indicateurs.agregation,
        indicateurs.numerateur,
        indicateurs.denominateur
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

merged_keys as (
    select distinct indicateur, territoire, niveau, annee
    from import_typed
    where territoire is distinct from territoire_written
),

not_additive as (
    select row_n, 'territoire' as column_name, territoire_raw as raw_value,
        'old_code_not_additive' as problem, territoire as detail
    from checked
    where territoire is distinct from territoire_written and agregation = 'aucune'
),

parts_written as (
    select distinct indicateur, territoire_written, niveau, annee from import_typed
),

-- A rate is not added: the commune nouvelle's is 100 × Σnumerator / Σdenominator, so every row
-- of a rate landing on a key with an old code needs its numerator and denominator in the file.
rates_without_parts as (
    select
        rates.row_n,
        'territoire' as column_name,
        rates.territoire_raw as raw_value,
        'old_code_rate_parts' as problem,
        concat_ws(';', rates.territoire, rates.numerateur, rates.denominateur) as detail
    from checked as rates
    semi join merged_keys using (indicateur, territoire, niveau, annee)
    left join parts_written as numerators
        on numerators.indicateur = rates.numerateur
        and numerators.territoire_written = rates.territoire_written
        and numerators.niveau = rates.niveau
        and numerators.annee = rates.annee
    left join parts_written as denominators
        on denominators.indicateur = rates.denominateur
        and denominators.territoire_written = rates.territoire_written
        and denominators.niveau = rates.niveau
        and denominators.annee = rates.annee
    where rates.agregation = 'ratio' and (numerators.indicateur is null or denominators.indicateur is null)
),

final as (
    select * from unknown_indicators
    union all
    select * from directory_figures
    union all
    select * from not_additive
    union all
    select * from rates_without_parts
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
    select row_n, 'territoire' as column_name, territoire_raw as raw_value, territoire_written as fixed_value
    from import_typed
    where territoire_written is distinct from territoire_raw
)

select * from repaired;

-- name: import_observations_conversions
-- one row per territory cell holding an old commune code: row, column, code as written (zero restored), commune nouvelle
create or replace temp table import_conversions as
select row_n, 'territoire' as column_name, territoire_written as raw_value, territoire as fixed_value
from import_typed
where territoire is distinct from territoire_written;

-- name: import_observations_final
-- one row per key of the file, shaped like the table `observations`: a data row, or the rows that
-- land on one key through old commune codes added up
insert into import_final by name
with keyed as (
    select
        indicateur, territoire, niveau, annee, valeur, statut, source, note,
        bool_or(territoire is distinct from territoire_written)
            over (partition by indicateur, territoire, niveau, annee) as merged
    from import_typed
),

kept as (
    select * exclude (merged) from keyed where not merged
),

-- Values added (unknown when one is), the least final status, every source and note.
added as (
    select
        indicateur,
        territoire,
        niveau,
        annee,
        case when count(valeur) = count(*) then sum(valeur) end as valeur,
        case
            when bool_or(statut = 'estime') then 'estime'
            when bool_or(statut = 'provisoire') then 'provisoire'
            else 'definitif'
        end as statut,
        string_agg(distinct source, ' ; ' order by source) as source,
        string_agg(distinct note, ' ; ' order by note) as note
    from keyed
    where merged
    group by indicateur, territoire, niveau, annee
),

-- A rate is rebuilt from its added numerator and denominator (checked to be in the file).
rebuilt as (
    select
        added.* replace (
            case
                when indicateurs.agregation <> 'ratio' then added.valeur
                when denominators.valeur > 0 then 100 * numerators.valeur / denominators.valeur
            end as valeur
        )
    from added
    inner join indicateurs on indicateurs.code = added.indicateur
    left join added as numerators
        on numerators.indicateur = indicateurs.numerateur
        and numerators.territoire = added.territoire
        and numerators.niveau = added.niveau
        and numerators.annee = added.annee
    left join added as denominators
        on denominators.indicateur = indicateurs.denominateur
        and denominators.territoire = added.territoire
        and denominators.niveau = added.niveau
        and denominators.annee = added.annee
),

final as (
    select * from kept
    union all
    select * from rebuilt
)

select * from final;
