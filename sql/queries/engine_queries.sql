-- What pages, maps and the `values` command ask the indicator engine (reads `published_values`,
-- ordered by indicator, and for one territory's figures `published_by_territory`).

-- name: engine_values
-- one row per published figure of one indicator, territory and year (optional level, year, territory)
with figures as (
    select *
    from published_values
    where indicateur = $indicator
        and ($level is null or niveau = $level)
        and ($year is null or annee = $year)
        and ($territory is null or territoire = $territory)
),

final as (
    select
        figures.indicateur,
        figures.territoire,
        territoires.nom,
        figures.niveau,
        figures.annee,
        figures.valeur,
        figures.etat,
        figures.calcule,
        figures.valeur_source,
        figures.composantes_n,
        figures.composantes_total,
        figures.couverture,
        figures.complet,
        catalogue.unite,
        figures.statut,
        figures.source,
        figures.batch_id
    from figures
    inner join territoires
        on territoires.code = figures.territoire and territoires.niveau = figures.niveau
    inner join indicateurs as catalogue on catalogue.code = figures.indicateur
)

select * from final
order by list_position(['region', 'departement', 'epci', 'commune', 'arrondissement_municipal'], niveau), annee, territoire;

-- name: engine_trend
-- one row per year and asked territory (code and level paired by position)
with asked as (
    select unnest($codes) as code, unnest($levels) as niveau
),

final as (
    select
        figures.territoire,
        territoires.nom,
        figures.niveau,
        figures.annee,
        figures.valeur,
        figures.etat,
        figures.calcule,
        figures.valeur_source,
        figures.couverture,
        catalogue.unite,
        figures.statut,
        figures.source,
        figures.batch_id
    from published_values as figures
    inner join asked
        on asked.code = figures.territoire
        and (asked.niveau is null or asked.niveau = figures.niveau)
    inner join territoires
        on territoires.code = figures.territoire and territoires.niveau = figures.niveau
    inner join indicateurs as catalogue on catalogue.code = figures.indicateur
    where figures.indicateur = $indicator
)

select * from final
order by territoire, niveau, annee;

-- name: engine_ranking
-- one row per territory of one level for one year; rank 1 = highest shown value, ties share a rank,
-- with its provenance (calculé, couverture, statut, année, unité, source, lot)
with figures as (
    select *
    from published_values
    where indicateur = $indicator and niveau = $level and annee = $year
),

ranked as (
    select
        figures.territoire,
        figures.valeur,
        case
            when figures.etat = 'publie'
                then rank() over (partition by figures.etat = 'publie' order by figures.valeur desc)
        end as rang
    from figures
),

final as (
    select
        figures.territoire,
        territoires.nom,
        figures.valeur,
        figures.etat,
        ranked.rang,
        count(ranked.rang) over () as classes_n,
        figures.calcule,
        figures.valeur_source,
        figures.couverture,
        figures.statut,
        figures.annee,
        catalogue.unite,
        figures.source,
        figures.batch_id
    from figures
    inner join ranked on ranked.territoire = figures.territoire
    inner join indicateurs as catalogue on catalogue.code = figures.indicateur
    inner join territoires
        on territoires.code = figures.territoire and territoires.niveau = figures.niveau
)

select * from final
order by rang nulls last, territoire;

-- name: engine_catalogue
-- one row per indicator of the catalogue, with the years it has published figures for
with spans as (
    select indicateur, min(annee) as premiere_annee, max(annee) as derniere_annee
    from published_values
    where etat <> 'absent'
    group by indicateur
),

final as (
    select
        catalogue.code,
        catalogue.libelle,
        catalogue.theme,
        catalogue.unite,
        catalogue.description,
        catalogue.source,
        catalogue.sens,
        catalogue.agregation,
        catalogue.numerateur,
        catalogue.denominateur,
        catalogue.secret_seuil,
        catalogue.a_la_une,
        spans.premiere_annee,
        spans.derniere_annee,
        catalogue.code in (select code from directory_indicators) as annuaire
    from listed_indicators() as catalogue
    left join spans on spans.indicateur = catalogue.code
)

select * from final
order by theme, code;

-- name: engine_indicators
-- one row per indicator of the catalogue: label, theme, unit, sense, source (no year span:
-- the span reads every published figure)
with final as (
    select
        catalogue.code,
        catalogue.libelle,
        catalogue.theme,
        catalogue.unite,
        catalogue.sens,
        catalogue.source
    from listed_indicators() as catalogue
)

select * from final
order by theme, code;

-- name: engine_years
-- one row per year with at least one figure (shown or secret) of one indicator
with final as (
    select distinct annee
    from published_values
    where indicateur = $indicator and etat <> 'absent'
)

select * from final
order by annee;

-- name: engine_latest_year
-- one row: the latest year with a shown figure of one indicator at one level
with final as (
    select max(annee) as annee
    from published_values
    where indicateur = $indicator and niveau = $level and etat = 'publie'
)

select * from final;

-- name: engine_territory
-- one row per territory of a code and level: its name and parent codes
with final as (
    select code, niveau, nom, region, departement, epci, commune
    from territoires
    where code = $code and niveau = $level
)

select * from final;

-- name: engine_indicator
-- one row for an indicator of the catalogue (none for an unknown code): its label, theme, unit, direction, aggregation
select code, libelle, theme, unite, sens, agregation
from indicateurs
where code = $indicator;

-- name: engine_territory_indicators
-- one row per indicator with at least one figure for one territory
with present as (
    select distinct indicateur
    from published_by_territory
    where territoire = $code and niveau = $level and etat <> 'absent'
),

final as (
    select catalogue.code, catalogue.theme
    from indicateurs as catalogue
    semi join present on present.indicateur = catalogue.code
)

select * from final
order by theme, code;

-- name: engine_territory_values
-- one row per asked indicator and year for one territory (sparklines, key figures), in the
-- order the indicators are asked, with its provenance
with final as (
    select
        figures.indicateur,
        figures.annee,
        figures.valeur,
        figures.etat,
        figures.source,
        figures.calcule,
        figures.valeur_source,
        figures.couverture,
        figures.statut,
        figures.batch_id
    from published_by_territory as figures
    where figures.territoire = $code and figures.niveau = $level
        and list_contains($indicators::varchar[], figures.indicateur)
)

select * from final
order by list_position($indicators::varchar[], indicateur), annee;

-- name: engine_portrait
-- one row per indicator with at least one figure for one territory: its latest figure (shown or
-- secret), its shown values a year before and in its first shown year, and the parent's and the
-- région's figures (value when shown, state) in that latest year; changes and gaps are computed
-- in comparisons.py
with own as (
    select
        figures.indicateur,
        figures.annee,
        figures.valeur,
        figures.etat,
        figures.calcule,
        figures.valeur_source,
        figures.couverture,
        figures.statut,
        figures.source,
        figures.batch_id
    from published_by_territory as figures
    where figures.territoire = $code and figures.niveau = $level and figures.etat <> 'absent'
),

latest as (
    select *
    from own
    qualify row_number() over (partition by own.indicateur order by own.annee desc) = 1
),

shown as (
    select own.indicateur, own.annee, own.valeur
    from own
    where own.etat = 'publie'
),

first_shown as (
    select shown.indicateur, min(shown.annee) as annee_debut
    from shown
    group by shown.indicateur
),

-- Parent and région as comparisons.comparison reads them: any row (any state) names the
-- territory, only a shown row gives a value. A département's parent is the région: its rows
-- come twice, once per role.
around as (
    select
        roles.role,
        figures.indicateur,
        figures.annee,
        figures.valeur,
        figures.etat,
        territoires.nom
    from (values ('parent', $parent_code::varchar, $parent_level::varchar),
                 ('region', $region_code::varchar, 'region')) as roles (role, code, niveau)
    inner join published_by_territory as figures
        on figures.territoire = roles.code and figures.niveau = roles.niveau
    inner join territoires
        on territoires.code = figures.territoire and territoires.niveau = figures.niveau
),

around_names as (
    select
        around.indicateur,
        any_value(around.nom) as parent_nom
    from around
    where around.role = 'parent'
    group by around.indicateur
),

final as (
    select
        catalogue.code as indicateur,
        catalogue.libelle,
        catalogue.theme,
        catalogue.unite,
        catalogue.sens,
        catalogue.agregation,
        latest.annee,
        at_year.valeur,
        latest.etat,
        year_before.valeur as valeur_an_precedent,
        first_shown.annee_debut,
        at_first.valeur as valeur_debut,
        around_names.parent_nom,
        parent_at_year.valeur as valeur_parent,
        region_at_year.valeur as valeur_region,
        latest.calcule,
        latest.valeur_source,
        latest.couverture,
        latest.statut,
        latest.source,
        latest.batch_id,
        parent_at_year.etat as etat_parent,
        region_at_year.etat as etat_region
    from indicateurs as catalogue
    inner join latest on latest.indicateur = catalogue.code
    left join shown as at_year
        on at_year.indicateur = latest.indicateur and at_year.annee = latest.annee
    left join shown as year_before
        on year_before.indicateur = latest.indicateur and year_before.annee = latest.annee - 1
    left join first_shown on first_shown.indicateur = latest.indicateur
    left join shown as at_first
        on at_first.indicateur = first_shown.indicateur and at_first.annee = first_shown.annee_debut
    left join around_names on around_names.indicateur = latest.indicateur
    left join around as parent_at_year
        on parent_at_year.indicateur = latest.indicateur and parent_at_year.annee = latest.annee
        and parent_at_year.role = 'parent'
    left join around as region_at_year
        on region_at_year.indicateur = latest.indicateur and region_at_year.annee = latest.annee
        and region_at_year.role = 'region'
)

select * from final
order by theme, indicateur


-- name: engine_secret_counts
-- one row: the secret cells of every indicator and the primary ones among them
select coalesce(sum(cells_secret), 0)::integer as cells_secret,
       coalesce(sum(cells_primary), 0)::integer as cells_primary
from secret_summary
