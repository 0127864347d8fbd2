-- Synthetic data for the engine benchmark (tests/test_engine_bench.py): a large région.

-- name: engine_benchmark_territories
-- one row per synthetic territory: 1 région, $departements_n départements, EPCIs, communes
insert into territoires (code, niveau, nom, region, departement, epci)
with departements as (
    select range as departement_n from range($departements_n)
),

communes as (
    select range as commune_n from range($communes_n)
),

final as (
    select '99' as code, 'region' as niveau, 'Région de test' as nom,
           null as region, null as departement, null as epci
    union all
    select 'D' || departement_n, 'departement', 'Département ' || departement_n, '99', null, null
    from departements
    union all
    select 'E' || (commune_n // 50), 'epci', 'EPCI ' || (commune_n // 50), '99',
           'D' || ((commune_n // 50) % $departements_n), null
    from communes
    where commune_n % 50 = 0
    union all
    -- Every EPCI's last two communes lie in the next département: EPCIs straddle.
    select 'C' || commune_n, 'commune', 'Commune ' || commune_n, '99',
           'D' || (((commune_n // 50) + (commune_n % 50 >= 48)::integer) % $departements_n),
           'E' || (commune_n // 50)
    from communes
)

select * from final;

-- name: engine_benchmark_indicators
-- one row per synthetic indicator: counts (some with a threshold) and ratios of them
insert into indicateurs (code, libelle, theme, unite, agregation, numerateur, denominateur,
                         secret_seuil)
with counts as (
    select range as indicator_n from range($counts_n)
),

final as (
    select 'n' || indicator_n as code, 'Effectif ' || indicator_n as libelle, 'contexte' as theme,
           'nombre' as unite, 'somme' as agregation, null as numerateur, null as denominateur,
           case when indicator_n % 2 = 0 then 5 else 0 end as secret_seuil
    from counts
    union all
    select 'r' || indicator_n, 'Taux ' || indicator_n, 'contexte', 'pourcentage', 'ratio',
           'n' || indicator_n, 'n' || (indicator_n + 1), 5
    from counts
    where indicator_n % 2 = 0
)

select * from final;

-- name: engine_benchmark_observations
-- one row per commune, count indicator and year (deterministic pseudo-random values)
insert into observations (indicateur, territoire, niveau, annee, valeur, batch_id)
with final as (
    select
        'n' || indicators.range as indicateur,
        'C' || communes.range as territoire,
        'commune' as niveau,
        2015 + years.range as annee,
        (hash(communes.range, indicators.range, years.range) % 200)::double
            * (1 + indicators.range % 2) as valeur,
        1 as batch_id
    from range($communes_n) as communes
    cross join range($counts_n) as indicators
    cross join range($years_n) as years
)

select * from final
