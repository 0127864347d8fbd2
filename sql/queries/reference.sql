-- The territory reference and the vocabularies the interface offers.

-- name: reference_territories
-- one row per territory of the reference, with its parents' names, in level then name order
with levels as (
    select *
    from (values ('region', 1), ('departement', 2), ('epci', 3), ('commune', 4),
                 ('arrondissement_municipal', 5)) as v (niveau, level_rank)
),

final as (
    select
        territories.code,
        territories.niveau,
        territories.nom,
        territories.region,
        territories.departement,
        territories.epci,
        territories.commune,
        territories.population as population_n,
        territories.latitude,
        territories.longitude,
        levels.level_rank
    from territoires as territories
    inner join levels using (niveau)
)

select * from final order by level_rank, nom, code;

-- name: reference_years
-- one row per year that has at least one observation, in order
select distinct annee as year_n from observations order by year_n;

-- name: reference_indicator_themes
-- one row per indicator of the catalogue: code, theme, label
select code, theme, libelle from indicateurs order by theme, libelle;

-- name: reference_dataset_updates
-- one row per dataset: date of its last applied batch and how many batches are applied
with applied as (
    select dataset, applied_at, file_name
    from batches
    where rolled_back_at is null
),

final as (
    select
        dataset,
        max(applied_at) as last_applied_at,
        arg_max(file_name, applied_at) as last_file_name,
        count(*) as batches_n
    from applied
    group by dataset
)

select * from final order by last_applied_at desc;

-- name: reference_codes
-- one row per distinct territory code of the reference (every level)
select distinct code from territoires order by code;
