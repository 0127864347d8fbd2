-- The synthetic observatory of the benchmark (benchmarks/synthetic.py): a grid of
-- communes grouped into EPCIs and départements, written as CSV files in the French Excel
-- dialect and loaded through the real import path.

-- name: bench_communes
-- one row per synthetic commune: a cell of a cols × rows grid; params: grid shape, départements, extent
with cells as (
    select
        i as commune_n,
        i % $cols as col_n,
        i // $cols as row_n
    from range($cols * $rows) as numbers(i)
),

placed as (
    select
        commune_n,
        col_n,
        row_n,
        list_extract($departements::varchar[], (col_n // $dept_cols)::integer + 1) as departement,
        row_n * $dept_cols + col_n % $dept_cols + 1 as number_in_dept,
        (row_n // $epci_rows) * ($dept_cols // $epci_cols) + (col_n % $dept_cols) // $epci_cols + 1
            as epci_in_dept
    from cells
),

final as (
    select
        commune_n,
        col_n,
        row_n,
        departement,
        departement || lpad(number_in_dept::varchar, 3, '0') as code,
        '2' || departement || lpad(epci_in_dept::varchar, 6, '0') as epci,
        100 + hash(commune_n, 'population') % 20000 as population_n,
        $lat0 + (row_n + 0.5) * $dy as latitude,
        $lon0 + (col_n + 0.5) * $dx as longitude
    from placed
)

select * from final order by commune_n;

-- name: bench_territoires
-- one row per territory (région, départements, EPCIs, communes) as territoires.csv; reads bench_communes
with communes as (
    select
        code,
        'commune' as niveau,
        'Commune synthétique ' || code as nom,
        $region as region,
        departement,
        epci,
        population_n,
        latitude,
        longitude
    from bench_communes
),

epcis as (
    select
        epci as code,
        'epci' as niveau,
        'EPCI synthétique ' || epci as nom,
        $region as region,
        any_value(departement) as departement,
        null as epci,
        sum(population_n) as population_n,
        avg(latitude) as latitude,
        avg(longitude) as longitude
    from bench_communes
    group by epci
),

departements as (
    select
        departement as code,
        'departement' as niveau,
        'Département synthétique ' || departement as nom,
        $region as region,
        null as departement,
        null as epci,
        sum(population_n) as population_n,
        avg(latitude) as latitude,
        avg(longitude) as longitude
    from bench_communes
    group by departement
),

region as (
    select
        $region as code,
        'region' as niveau,
        'Région synthétique' as nom,
        null as region,
        null as departement,
        null as epci,
        sum(population_n) as population_n,
        avg(latitude) as latitude,
        avg(longitude) as longitude
    from bench_communes
),

levels as (
    select * from region
    union all select * from departements
    union all select * from epcis
    union all select * from communes
),

final as (
    select
        code,
        niveau,
        nom,
        region,
        departement,
        epci,
        population_n as population,
        replace(printf('%.4f', latitude), '.', ',') as latitude,
        replace(printf('%.4f', longitude), '.', ',') as longitude
    from levels
)

select * from final;

-- name: bench_indicateurs
-- one row per synthetic indicator as indicateurs.csv: every tenth is a ratio of the two before it; params: indicators_n, codes (one per indicator)
with numbered as (
    select
        i as indicator_n,
        list_extract($codes, i + 1) as code,
        list_extract(['innovation_sociale', 'genre', 'jeunesse', 'economie_circulaire', 'contexte'],
                     (i // 10 % 5)::integer + 1) as theme,
        i % 10 = 9 as is_ratio
    from range($indicators_n) as numbers(i)
),

final as (
    select
        code,
        'Indicateur synthétique ' || indicator_n as libelle,
        theme,
        case when is_ratio then 'pourcentage' else 'nombre' end as unite,
        'Indicateur fictif du banc d''essai.' as description,
        'Banc d''essai' as source,
        'neutre' as sens,
        case when is_ratio then 'ratio' else 'somme' end as agregation,
        case when is_ratio then list_extract($codes, indicator_n - 1) end as numerateur,
        case when is_ratio then list_extract($codes, indicator_n) end as denominateur,
        case when indicator_n % 10 = 7 then 10 else 0 end as secret_seuil
    from numbered
)

select * from final order by code;

-- name: bench_observations
-- one row per indicator, covered commune and year as observations.csv (two communes in three per indicator group); reads bench_communes; params: indicators_n, years_n, first_year, codes
with grid as (
    select
        indicators.i as indicator_n,
        bench_communes.commune_n,
        bench_communes.code as territoire,
        $first_year + years.y as annee
    from range($indicators_n) as indicators(i)
    cross join bench_communes
    cross join range($years_n) as years(y)
    where (bench_communes.commune_n + indicators.i // 10) % 3 != 0
),

valued as (
    select
        indicator_n,
        territoire,
        annee,
        case
            when indicator_n % 10 = 9 then round(
                100.0 * (5 + hash(indicator_n - 2, commune_n, annee) % 5000)
                / (5000 + hash(indicator_n - 1, commune_n, annee) % 5000), 1)
            when indicator_n % 10 = 8 then 5000 + hash(indicator_n, commune_n, annee) % 5000
            else 5 + hash(indicator_n, commune_n, annee) % 5000
        end as valeur_n
    from grid
),

final as (
    select
        list_extract($codes, indicator_n + 1) as indicateur,
        territoire,
        annee,
        replace(valeur_n::varchar, '.', ',') as valeur,
        'definitif' as statut,
        'Banc d''essai' as source
    from valued
)

select * from final;

-- name: bench_initiatives
-- one row per synthetic initiative as initiatives.csv, placed in a random cell of a commune; reads bench_communes; params: initiatives_n
with numbered as (
    select
        i as initiative_n,
        hash(i, 'commune') % (select count(*) from bench_communes) as commune_n
    from range($initiatives_n) as numbers(i)
),

placed as (
    select numbered.initiative_n, communes.code, communes.latitude, communes.longitude
    from numbered
    inner join bench_communes as communes using (commune_n)
),

final as (
    select
        'SYNTH-' || lpad(initiative_n::varchar, 6, '0') as id,
        'Initiative synthétique n° ' || initiative_n as nom,
        code as commune,
        list_extract(['alimentation', 'mobilite', 'logement', 'sante', 'emploi_insertion',
                      'education_formation', 'culture', 'environnement_energie',
                      'reemploi_economie_circulaire', 'solidarite_lien_social', 'numerique',
                      'autre'], (hash(initiative_n, 'thematique') % 12)::integer + 1) as thematique,
        'Initiative fictive du banc d''essai : réemploi, insertion et lien social.' as description,
        'Association synthétique ' || (initiative_n % 997) as porteur,
        list_extract(['association', 'cooperative', 'scop', 'scic', 'mutuelle', 'fondation',
                      'entreprise_esus', 'collectivite', 'autre'],
                     (hash(initiative_n, 'forme') % 9)::integer + 1) as forme_juridique,
        list_extract(['jeunes', 'femmes', 'seniors|jeunes', 'personnes_handicap',
                      'demandeurs_emploi|femmes', 'personnes_migrantes', 'familles', 'tous'],
                     (hash(initiative_n, 'publics') % 8)::integer + 1) as publics,
        case when hash(initiative_n, 'ec') % 4 = 0 then 'oui' else 'non' end as economie_circulaire,
        case when hash(initiative_n, 'femme') % 2 = 0 then 'oui' else 'non' end
            as portee_par_une_femme,
        list_extract(['emergence', 'experimentation', 'consolidation', 'essaimage'],
                     (hash(initiative_n, 'stade') % 4)::integer + 1) as stade,
        1990 + hash(initiative_n, 'creation') % 35 as annee_creation,
        replace(printf('%.1f', hash(initiative_n, 'etp') % 400 / 10.0), '.', ',') as emplois_etp,
        hash(initiative_n, 'benevoles') % 80 as benevoles,
        hash(initiative_n, 'beneficiaires') % 2000 as beneficiaires,
        replace(printf('%.5f', latitude + (hash(initiative_n, 'lat') % 1000 / 1000.0 - 0.5) * $dy * 0.8),
                '.', ',') as latitude,
        replace(printf('%.5f', longitude + (hash(initiative_n, 'lon') % 1000 / 1000.0 - 0.5) * $dx * 0.8),
                '.', ',') as longitude,
        '' as site_web
    from placed
)

select * from final order by id;
