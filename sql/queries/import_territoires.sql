-- Import of the territory reference (dataset `territoires`, key code + niveau).

-- name: import_territoires_typed
-- one row per data row of the file: typed values, codes with their spreadsheet-eaten leading zero restored
create or replace temp table import_typed as
with staged as (
    select
        row_n,
        upper(code) as code_raw,
        import_word(niveau) as niveau,
        nom,
        upper(region) as region_raw,
        upper(departement) as departement_raw,
        upper(epci) as epci_raw,
        upper(commune) as commune_raw,
        import_integer(population) as population,
        import_number(latitude) as latitude,
        import_number(longitude) as longitude
    from import_staging
),

coded as (
    -- A code's length is fixed by its level, so a missing zero is certain here.
    select
        *,
        case
            when niveau = 'commune' and regexp_full_match(code_raw, '[0-9]{4}') then '0' || code_raw
            when niveau in ('departement', 'region') and regexp_full_match(code_raw, '[0-9]') then '0' || code_raw
            else code_raw
        end as code
    from staged
),

known as (
    select code, niveau from coded where code is not null and niveau is not null
    union
    select code, niveau from territoires
),

final as (
    select
        coded.*,
        import_zero_repair(coded.region_raw, region_as_is.code is not null, region_padded.code is not null)
            as region,
        import_zero_repair(
            coded.departement_raw, departement_as_is.code is not null, departement_padded.code is not null
        ) as departement,
        import_zero_repair(coded.epci_raw, epci_as_is.code is not null, epci_padded.code is not null) as epci,
        import_zero_repair(coded.commune_raw, commune_as_is.code is not null, commune_padded.code is not null)
            as commune
    from coded
    left join known as region_as_is
        on region_as_is.niveau = 'region' and region_as_is.code = coded.region_raw
    left join known as region_padded
        on region_padded.niveau = 'region' and region_padded.code = '0' || coded.region_raw
    left join known as departement_as_is
        on departement_as_is.niveau = 'departement' and departement_as_is.code = coded.departement_raw
    left join known as departement_padded
        on departement_padded.niveau = 'departement' and departement_padded.code = '0' || coded.departement_raw
    left join known as epci_as_is
        on epci_as_is.niveau = 'epci' and epci_as_is.code = coded.epci_raw
    left join known as epci_padded
        on epci_padded.niveau = 'epci' and epci_padded.code = '0' || coded.epci_raw
    left join known as commune_as_is
        on commune_as_is.niveau = 'commune' and commune_as_is.code = coded.commune_raw
    left join known as commune_padded
        on commune_padded.niveau = 'commune' and commune_padded.code = '0' || coded.commune_raw
)

select * from final;

-- name: import_territoires_problems
-- one row per code of a bad shape for its level, per parent code found neither in the file nor in
-- the base, per arrondissement municipal without its commune and per old commune whose commune
-- nouvelle the base holds
insert into import_problems
with known as (
    select code, niveau from import_typed where code is not null and niveau is not null
    union
    select code, niveau from territoires
),

bad_codes as (
    select row_n, 'code' as column_name, code_raw as raw_value, 'code_format' as problem, niveau as detail
    from import_typed
    where not regexp_full_match(code, case niveau
        when 'commune' then '[0-9]{5}|2[AB][0-9]{3}'
        when 'arrondissement_municipal' then '[0-9]{5}'
        when 'departement' then '[0-9]{2}|2[AB]|97[1-8]'
        when 'region' then '[0-9]{2}'
        when 'epci' then '[0-9]{9}'
    end)
),

parents as (
    select row_n, 'region' as column_name, region_raw as raw_value, region as code, 'region' as parent_level
    from import_typed where region is not null
    union all
    select row_n, 'departement', departement_raw, departement, 'departement'
    from import_typed where departement is not null
    union all
    select row_n, 'epci', epci_raw, epci, 'epci'
    from import_typed where epci is not null
    union all
    select row_n, 'commune', commune_raw, commune, 'commune'
    from import_typed where commune is not null
),

-- An arrondissement municipal is counted in its commune: without one it would count nowhere.
orphan_arrondissements as (
    select row_n, 'commune' as column_name, null as raw_value, 'arrondissement_commune' as problem,
        null as detail
    from import_typed
    where niveau = 'arrondissement_municipal' and commune is null
),

missing_parents as (
    select parents.row_n, parents.column_name, parents.raw_value, 'unknown_parent' as problem,
        parents.parent_level as detail
    from parents
    anti join known on known.code = parents.code and known.niveau = parents.parent_level
),

-- Beside its commune nouvelle, an old commune would count its territory twice. A file that holds
-- both is an older geography of its own (its code then means the commune as it was), and a base
-- that already holds the old commune keeps it (import_old_codes leaves it out).
merged_communes as (
    select
        typed.row_n,
        'code' as column_name,
        typed.code_raw as raw_value,
        'merged_commune' as problem,
        concat(old.actuel, ' (', old.actuel_nom, ')') as detail
    from import_typed as typed
    inner join import_old_codes as old on old.ancien = typed.code
    where typed.niveau = 'commune' and old.actuel_in_base
),

final as (
    select * from bad_codes
    union all
    select * from missing_parents
    union all
    select * from merged_communes
    union all
    select * from orphan_arrondissements
)

select * from final;

-- name: import_territoires_repairs
-- one row per code cell whose leading zero was restored: row, column, value as written, repaired value
create or replace temp table import_repairs as
with repaired as (
    select row_n, 'code' as column_name, code_raw as raw_value, code as fixed_value
    from import_typed where code is distinct from code_raw
    union all
    select row_n, 'region', region_raw, region from import_typed where region is distinct from region_raw
    union all
    select row_n, 'departement', departement_raw, departement
    from import_typed where departement is distinct from departement_raw
    union all
    select row_n, 'epci', epci_raw, epci from import_typed where epci is distinct from epci_raw
    union all
    select row_n, 'commune', commune_raw, commune from import_typed where commune is distinct from commune_raw
)

select * from repaired;

-- name: import_territoires_final
-- one row per data row, shaped like the table `territoires`
insert into import_final by name
select code, niveau, nom, region, departement, epci, commune, population, latitude, longitude
from import_typed;
