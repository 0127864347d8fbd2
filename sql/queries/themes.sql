-- What the overview and Données & méthodes ask beyond the indicator engine and the directory.

-- name: themes_demo_batches
-- one row: how many applied batches are flagged as the demonstration's, out of how many
with applied as (
    select demo
    from batches
    where rolled_back_at is null
),

final as (
    select
        count(*) filter (where demo) as demo_batches_n,
        count(*) as batches_n
    from applied
)

select * from final;

-- name: themes_dataset_territoires
-- one row per territory and level, as imported (download of the dataset)
select code, niveau, nom, region, departement, epci, population, latitude, longitude
from territoires
order by list_position(['region', 'departement', 'epci', 'commune', 'arrondissement_municipal'], niveau), code;

-- name: themes_dataset_indicateurs
-- one row per imported indicator of the catalogue (download of the dataset: those computed from
-- the directory are not part of it, and no file may define them)
select code, libelle, theme, unite, description, source, sens, agregation, numerateur,
    denominateur, secret_seuil, a_la_une
from indicateurs
anti join directory_indicators using (code)
order by theme, code;

-- name: themes_dataset_published_values
-- one row per published figure: indicator, territory, level and year (secret values stay NULL)
select indicateur, territoire, niveau, annee, valeur, etat, calcule, couverture, statut, source
from published_values
where etat <> 'absent'
order by indicateur, list_position(['region', 'departement', 'epci', 'commune', 'arrondissement_municipal'], niveau),
    territoire, annee;

-- name: themes_dataset_initiatives
-- one row per initiative of the directory (download of the dataset; publics joined by « | »)
select id, nom, commune, thematique, description, porteur, forme_juridique,
    array_to_string(publics, '|') as publics, economie_circulaire, portee_par_une_femme, stade,
    annee_creation, annee_fin, emplois_etp, benevoles, beneficiaires, latitude, longitude, site_web
from initiatives
order by id;

-- name: themes_headline_candidates
-- one row per indicator of the catalogue, headlines first: rank à la une (in rank order), then
-- those with a shown figure at a level up to a year before those without, rates before counts,
-- the most recent first (params: level, end, rate_units)
with latest as (
    select indicateur as code, max(annee) as latest_year
    from published_values
    where niveau = $level and etat = 'publie' and annee <= $end
    group by indicateur
),

final as (
    select
        catalogue.code,
        catalogue.theme,
        catalogue.a_la_une,
        catalogue.agregation = 'ratio' or list_contains($rate_units, catalogue.unite) as is_rate,
        latest.latest_year
    from indicateurs as catalogue
    left join latest using (code)
)

select * from final
order by a_la_une nulls last, latest_year is null, is_rate desc, latest_year desc, theme, code;
