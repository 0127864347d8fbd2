-- What the overview, the theme pages and Données & méthodes ask beyond the indicator engine.

-- name: themes_initiatives
-- one row per initiative concerning a theme ($filtre) located in a territory ($code at $level)
with communes as (
    select code, region, departement, epci, nom, latitude, longitude
    from territoires
    where niveau = 'commune'
),

located as (
    select
        initiatives.*,
        communes.nom as commune_nom,
        communes.region as region_code,
        communes.departement as departement_code,
        communes.epci as epci_code,
        coalesce(initiatives.latitude, communes.latitude) as point_latitude,
        coalesce(initiatives.longitude, communes.longitude) as point_longitude
    from initiatives
    left join communes on communes.code = initiatives.commune
),

concerned as (
    select *
    from located
    where ($filtre = 'femmes'
            and (coalesce(portee_par_une_femme, false) or list_contains(publics, 'femmes')))
        or ($filtre = 'jeunes' and list_contains(publics, 'jeunes'))
        or ($filtre = 'economie_circulaire'
            and (coalesce(economie_circulaire, false) or thematique = 'reemploi_economie_circulaire'))
),

final as (
    select
        id,
        nom,
        commune,
        commune_nom,
        thematique,
        porteur,
        forme_juridique,
        array_to_string(publics, ', ') as publics,
        economie_circulaire,
        portee_par_une_femme,
        stade,
        annee_creation,
        emplois_etp,
        point_latitude as latitude,
        point_longitude as longitude
    from concerned
    where ($level = 'region' and (region_code = $code or region_code is null))
        or ($level = 'departement' and departement_code = $code)
        or ($level = 'epci' and epci_code = $code)
        or ($level = 'commune' and commune = $code)
)

select * from final
order by nom, id;

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
