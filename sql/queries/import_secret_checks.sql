-- Warnings of a validated file about statistical confidentiality (observatory/import_secret_checks.py).

-- name: import_indicateurs_threshold_mismatches
-- one row per ratio of the catalogue after the file whose numerator indicator has another threshold
with catalogue as (
    select code, agregation, numerateur, secret_seuil from import_typed
    union all
    select code, agregation, numerateur, secret_seuil
    from indicateurs
    anti join import_typed on import_typed.code = indicateurs.code
),

final as (
    select ratios.code, ratios.secret_seuil as ratio_seuil, numerators.code as numerator_code,
           numerators.secret_seuil as numerator_seuil
    from catalogue as ratios
    inner join catalogue as numerators on numerators.code = ratios.numerateur
    where ratios.agregation = 'ratio' and ratios.secret_seuil <> numerators.secret_seuil
)

select * from final
order by code;

-- name: import_observations_stored_parent_gaps
-- one row per value of a larger territory in the file more than 0.5 % away from the sum of its
-- communes, or of a commune from the sum of its arrondissements municipaux (counts; the
-- observations after the file)
with observed as (
    select indicateur, territoire, niveau, annee, valeur from import_typed
    where valeur is not null
    union all
    select observations.indicateur, observations.territoire, observations.niveau,
           observations.annee, observations.valeur
    from observations
    anti join import_typed
        on import_typed.indicateur = observations.indicateur
        and import_typed.territoire = observations.territoire
        and import_typed.niveau = observations.niveau
        and import_typed.annee = observations.annee
    where observations.valeur is not null
        and observations.niveau in ('commune', 'arrondissement_municipal')
),

parents as (
    select typed.indicateur, typed.territoire, typed.niveau, typed.annee, typed.valeur,
           typed.row_n
    from import_typed as typed
    inner join indicateurs on indicateurs.code = typed.indicateur
    where indicateurs.agregation = 'somme' and typed.valeur is not null
        and typed.niveau in ('region', 'departement', 'epci', 'commune')
),

sums as (
    select parents.row_n, parents.indicateur, parents.territoire, parents.niveau, parents.annee,
           any_value(parents.valeur) as valeur, sum(observed.valeur) as components_sum
    from parents
    inner join territoires as components
        on (parents.niveau <> 'commune' and components.niveau = 'commune'
            and parents.territoire = case parents.niveau
                when 'region' then components.region
                when 'departement' then components.departement
                else components.epci
            end)
        or (parents.niveau = 'commune' and components.niveau = 'arrondissement_municipal'
            and components.commune = parents.territoire)
    inner join observed
        on observed.indicateur = parents.indicateur
        and observed.territoire = components.code
        and observed.niveau = components.niveau
        and observed.annee = parents.annee
    group by all
),

final as (
    select sums.*, territoires.nom
    from sums
    inner join territoires
        on territoires.code = sums.territoire and territoires.niveau = sums.niveau
    where abs(sums.valeur - sums.components_sum) > 0.005 * abs(sums.components_sum)
)

select row_n, indicateur, territoire, nom, niveau, annee, valeur, components_sum
from final
order by row_n;
