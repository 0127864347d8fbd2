-- What the initiatives of the Initiatives page's selection achieve (observatory/impact.py):
-- totals, breakdowns, creations and survival, over the table macro `directory_matching`
-- (sql/schema/010_…): the initiatives passing the search, the territory and every facet.
-- An initiative is active when it has no end year; impact sums count active ones only.

-- name: impact_totals
-- one row: initiatives, active and stopped ones, and each impact field's sum over the active
-- initiatives with how many of them filled it
with matching as (
    select * from directory_matching(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

final as (
    select
        count(*) as initiatives_n,
        count(*) filter (where annee_fin is null) as active_n,
        count(*) filter (where annee_fin is not null) as stopped_n,
        sum(emplois_etp) filter (where annee_fin is null) as jobs_sum,
        count(emplois_etp) filter (where annee_fin is null) as jobs_n,
        sum(benevoles) filter (where annee_fin is null) as volunteers_sum,
        count(benevoles) filter (where annee_fin is null) as volunteers_n,
        sum(beneficiaires) filter (where annee_fin is null) as beneficiaries_sum,
        count(beneficiaires) filter (where annee_fin is null) as beneficiaries_n
    from matching
)

select * from final;

-- name: impact_groups
-- one row per thématique and per stade (facet, value_code): initiatives, active ones, and jobs
-- of the active ones with how many filled the field
with matching as (
    select * from directory_matching(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

final as (
    select
        case when grouping(thematique) = 0 then 'thematique' else 'stade' end as facet,
        coalesce(case when grouping(thematique) = 0 then thematique else stade end, '')
            as value_code,
        count(*) as initiatives_n,
        count(*) filter (where annee_fin is null) as active_n,
        sum(emplois_etp) filter (where annee_fin is null) as jobs_sum,
        count(emplois_etp) filter (where annee_fin is null) as jobs_n
    from matching
    group by grouping sets ((thematique), (stade))
)

select * from final
order by facet desc, initiatives_n desc, value_code;

-- name: impact_creations
-- one row per creation year: initiatives created that year, and how many of them have stopped
with matching as (
    select * from directory_matching(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

final as (
    select
        annee_creation as annee,
        count(*) as created_n,
        count(*) filter (where annee_fin is not null) as stopped_n
    from matching
    where annee_creation is not null
    group by annee_creation
)

select * from final
order by annee;

-- name: impact_survival
-- one row per thématique, then one for all of them (thematique NULL): initiatives of cohorts
-- old enough, and how many were still active 3 (5) years after their creation (param:
-- current year)
with matching as (
    select * from directory_matching(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
    where annee_creation is not null
),

final as (
    select
        thematique,
        count(*) filter (where annee_creation + 3 <= $current_year) as cohort_3_n,
        count(*) filter (where annee_creation + 3 <= $current_year
            and (annee_fin is null or annee_fin > annee_creation + 3)) as alive_3_n,
        count(*) filter (where annee_creation + 5 <= $current_year) as cohort_5_n,
        count(*) filter (where annee_creation + 5 <= $current_year
            and (annee_fin is null or annee_fin > annee_creation + 5)) as alive_5_n
    from matching
    group by grouping sets ((thematique), ())
)

select * from final
order by thematique is null, cohort_3_n desc, thematique;
