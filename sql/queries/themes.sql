-- What the overview and Données & méthodes ask beyond the indicator engine and the directory.

-- name: themes_demo_batches
-- one row: how many applied batches came from the demonstration (user « démo » or a demo file)
with applied as (
    select user_name, file_name
    from batches
    where rolled_back_at is null
),

final as (
    select
        count(*) filter (where user_name = 'démo' or list_contains($demo_files, file_name)) as demo_batches_n,
        count(*) as batches_n
    from applied
)

select * from final;

-- name: themes_dataset_territoires
-- one row per territory and level, as imported (download of the dataset)
select code, niveau, nom, region, departement, epci, population, latitude, longitude
from territoires
order by list_position(['region', 'departement', 'epci', 'commune'], niveau), code;

-- name: themes_dataset_indicateurs
-- one row per indicator of the catalogue (download of the dataset)
select code, libelle, theme, unite, description, source, sens, agregation, numerateur,
    denominateur, secret_seuil
from indicateurs
order by theme, code;

-- name: themes_dataset_published_values
-- one row per published figure: indicator, territory, level and year (secret values stay NULL)
select indicateur, territoire, niveau, annee, valeur, etat, calcule, couverture, statut, source
from published_values
where etat <> 'absent'
order by indicateur, list_position(['region', 'departement', 'epci', 'commune'], niveau),
    territoire, annee;

-- name: themes_dataset_initiatives
-- one row per initiative of the directory (download of the dataset; publics joined by « | »)
select id, nom, commune, thematique, description, porteur, forme_juridique,
    array_to_string(publics, '|') as publics, economie_circulaire, portee_par_une_femme, stade,
    annee_creation, emplois_etp, benevoles, beneficiaires, latitude, longitude, site_web
from initiatives
order by id;
