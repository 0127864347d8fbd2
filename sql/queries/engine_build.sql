-- Rebuild of `published_values` (observatory/aggregation.py runs these in order).
-- Work tables are temporary: the secret values they hold never reach a snapshot.

-- name: engine_build_components
-- one row per territory and each territory it is built from (itself included), from commune
-- membership; a commune is also built from its arrondissements municipaux, which are never
-- components of larger territories (those count the commune: nothing counted twice)
create or replace temp table engine_components as
with levels as (
    select
        unnest(['region', 'departement', 'epci', 'commune', 'arrondissement_municipal']) as niveau,
        unnest([1, 2, 3, 4, 5]) as depth
),

self_pairs as (
    select
        code as parent_code,
        niveau as parent_niveau,
        code as child_code,
        niveau as child_niveau
    from territoires
),

commune_pairs as (
    select communes.region as parent_code, 'region' as parent_niveau,
           communes.code as child_code, 'commune' as child_niveau
    from territoires as communes
    where communes.niveau = 'commune' and communes.region is not null
    union all
    select communes.departement, 'departement', communes.code, 'commune'
    from territoires as communes
    where communes.niveau = 'commune' and communes.departement is not null
    union all
    select communes.epci, 'epci', communes.code, 'commune'
    from territoires as communes
    where communes.niveau = 'commune' and communes.epci is not null
),

departement_pairs as (
    select
        departements.region as parent_code,
        'region' as parent_niveau,
        departements.code as child_code,
        'departement' as child_niveau
    from territoires as departements
    where departements.niveau = 'departement' and departements.region is not null
),

arrondissement_pairs as (
    select
        arrondissements.commune as parent_code,
        'commune' as parent_niveau,
        arrondissements.code as child_code,
        'arrondissement_municipal' as child_niveau
    from territoires as arrondissements
    where arrondissements.niveau = 'arrondissement_municipal' and arrondissements.commune is not null
),

existing_parents as (
    select pairs.*
    from (
        select * from commune_pairs
        union all
        select * from departement_pairs
        union all
        select * from arrondissement_pairs
    ) as pairs
    inner join territoires as parents
        on parents.code = pairs.parent_code and parents.niveau = pairs.parent_niveau
),

final as (
    select
        pairs.parent_code,
        pairs.parent_niveau,
        pairs.child_code,
        pairs.child_niveau,
        levels.depth as child_depth
    from (select * from self_pairs union all select * from existing_parents) as pairs
    inner join levels on levels.niveau = pairs.child_niveau
)

select * from final
;

-- name: engine_build_partitions
-- one row per parent territory, way of splitting it into published children, and child territory
create or replace temp table engine_partitions as
with communes as (
    select code, region, departement, epci
    from territoires
    where niveau = 'commune'
),

-- An EPCI lies wholly in a département (or région) when all its communes do; else it straddles.
epci_spans as (
    select
        communes.epci,
        case
            when count(distinct communes.departement) = 1
                and count(communes.departement) = count(*) then min(communes.departement)
        end as departement,
        case
            when count(distinct communes.region) = 1
                and count(communes.region) = count(*) then min(communes.region)
        end as region
    from communes
    semi join territoires as epcis on epcis.code = communes.epci and epcis.niveau = 'epci'
    group by communes.epci
),

level_splits as (
    select parent_code, parent_niveau, 'communes' as partition_name, child_code, child_niveau
    from engine_components
    where child_niveau = 'commune' and parent_niveau <> 'commune'
    union all
    select parent_code, parent_niveau, 'departements', child_code, child_niveau
    from engine_components
    where child_niveau = 'departement' and parent_niveau = 'region'
    union all
    -- a commune minus its other arrondissements would give a hidden one away
    select parent_code, parent_niveau, 'arrondissements', child_code, child_niveau
    from engine_components
    where child_niveau = 'arrondissement_municipal' and parent_niveau = 'commune'
),

-- A département is also the sum of the EPCIs it wholly holds and of its other communes:
-- without this split, département − EPCI would reveal a hidden commune.
departement_splits as (
    select departement as parent_code, 'departement' as parent_niveau,
           'epci_communes' as partition_name, epci as child_code, 'epci' as child_niveau
    from epci_spans
    where departement is not null
    union all
    select communes.departement, 'departement', 'epci_communes', communes.code, 'commune'
    from communes
    left join epci_spans on epci_spans.epci = communes.epci
    where communes.departement is not null and epci_spans.departement is null
),

region_splits as (
    select region as parent_code, 'region' as parent_niveau,
           'epci_communes' as partition_name, epci as child_code, 'epci' as child_niveau
    from epci_spans
    where region is not null
    union all
    select communes.region, 'region', 'epci_communes', communes.code, 'commune'
    from communes
    left join epci_spans on epci_spans.epci = communes.epci
    where communes.region is not null and epci_spans.region is null
),

-- An EPCI across départements is also split into its part in each of them: the totals of the
-- EPCIs and départements around can give each part's sum, so each part protects its own cells.
straddling_blocks as (
    select communes.epci as parent_code, 'epci' as parent_niveau,
           'bloc_' || communes.departement as partition_name, communes.code as child_code,
           'commune' as child_niveau
    from communes
    inner join epci_spans on epci_spans.epci = communes.epci
    where epci_spans.departement is null and communes.departement is not null
),

-- The child's département (null for an EPCI across two): secondary cells are taken near the secret.
final as (
    select
        splits.*,
        case splits.child_niveau
            when 'departement' then splits.child_code
            when 'epci' then epci_spans.departement
            when 'arrondissement_municipal' then arrondissements.departement
            else communes.departement
        end as child_departement
    from (
        select * from level_splits
        union all
        select * from departement_splits
        union all
        select * from region_splits
        union all
        select * from straddling_blocks
    ) as splits
    left join communes
        on splits.child_niveau = 'commune' and communes.code = splits.child_code
    left join epci_spans
        on splits.child_niveau = 'epci' and epci_spans.epci = splits.child_code
    left join territoires as arrondissements
        on splits.child_niveau = 'arrondissement_municipal'
        and arrondissements.niveau = 'arrondissement_municipal'
        and arrondissements.code = splits.child_code
    semi join territoires as parents
        on parents.code = splits.parent_code and parents.niveau = splits.parent_niveau
)

select * from final;

-- name: engine_build_directory
-- one row per directory indicator, territory and year with a value, computed from the initiatives
-- (sql/schema/010_directory_indicators.sql); params: current year, first year
create or replace temp table engine_directory as
with codes as (
    select code from directory_indicators
),

years as (
    select unnest(range($first_year::integer, $current_year::integer + 1))::integer as annee
),

territories as (
    select code as territoire, niveau, population
    from territoires
    where niveau in ('region', 'departement', 'epci', 'commune')
),

-- each initiative in every territory that holds its commune (the commune itself included)
placed as (
    select
        components.parent_code as territoire,
        components.parent_niveau as niveau,
        initiatives.annee_creation,
        initiatives.annee_fin,
        initiatives.portee_par_une_femme,
        initiatives.economie_circulaire,
        initiatives.emplois_etp,
        initiatives.benevoles,
        initiatives.beneficiaires,
        initiatives.batch_id
    from initiatives
    inner join engine_components as components
        on components.child_code = initiatives.commune and components.child_niveau = 'commune'
),

-- An initiative is active from its creation to its end, both included; without a creation year
-- it counts in the current year only.
active as (
    select placed.*, years.annee
    from placed
    inner join years
        on (placed.annee_creation is not null
            and years.annee between placed.annee_creation
                and coalesce(placed.annee_fin, $current_year::integer))
        or (placed.annee_creation is null and years.annee = $current_year::integer
            and coalesce(placed.annee_fin, $current_year::integer) >= $current_year::integer)
),

active_counts as (
    select
        territoire,
        niveau,
        annee,
        count(*) as actives,
        count(*) filter (where portee_par_une_femme) as femmes,
        count(*) filter (where economie_circulaire) as circulaires,
        sum(emplois_etp) as emplois_etp,
        sum(benevoles) as benevoles,
        sum(beneficiaires) as beneficiaires,
        max(batch_id) as batch_id
    from active
    group by all
),

cohorts as (
    select
        territoire,
        niveau,
        annee_creation as annee,
        count(*) as creees,
        count(*) filter (where annee_fin is null or annee_fin > annee_creation + 3) as perennes_3,
        count(*) filter (where annee_fin is null or annee_fin > annee_creation + 5) as perennes_5,
        max(batch_id) as batch_id
    from placed
    where annee_creation between $first_year::integer and $current_year::integer
    group by all
),

-- Counts are 0 where the directory knows no initiative; rates need a denominator.
cells as (
    select
        territories.territoire,
        territories.niveau,
        territories.population,
        years.annee,
        coalesce(active_counts.actives, 0) as actives,
        active_counts.femmes,
        active_counts.circulaires,
        active_counts.emplois_etp,
        active_counts.benevoles,
        active_counts.beneficiaires,
        coalesce(cohorts.creees, 0) as creees,
        cohorts.perennes_3,
        cohorts.perennes_5,
        greatest(active_counts.batch_id, cohorts.batch_id) as batch_id
    from territories
    cross join years
    left join active_counts using (territoire, niveau, annee)
    left join cohorts using (territoire, niveau, annee)
),

values_by_code as (
    select
        territoire,
        niveau,
        annee,
        batch_id,
        unnest([
            'initiatives_actives', 'initiatives_creees', 'initiatives_pour_10000_hab',
            'initiatives_emplois_etp', 'initiatives_benevoles', 'initiatives_beneficiaires',
            'part_initiatives_femmes', 'part_initiatives_economie_circulaire',
            'survie_3_ans', 'survie_5_ans'
        ]) as indicateur,
        unnest([
            actives::double,
            creees::double,
            case when population > 0 then 10000.0 * actives / population end,
            case when annee = $current_year::integer then emplois_etp end,
            case when annee = $current_year::integer then benevoles end,
            case when annee = $current_year::integer then beneficiaires end,
            case when actives > 0 then 100.0 * femmes / actives end,
            case when actives > 0 then 100.0 * circulaires / actives end,
            case when creees > 0 and annee + 3 <= $current_year::integer
                then 100.0 * perennes_3 / creees end,
            case when creees > 0 and annee + 5 <= $current_year::integer
                then 100.0 * perennes_5 / creees end
        ]) as valeur
    from cells
),

final as (
    select
        values_by_code.indicateur,
        values_by_code.territoire,
        values_by_code.niveau,
        values_by_code.annee,
        values_by_code.valeur,
        'definitif' as statut,
        catalogue.source,
        values_by_code.batch_id
    from values_by_code
    semi join codes on codes.code = values_by_code.indicateur
    inner join indicateurs as catalogue on catalogue.code = values_by_code.indicateur
    where values_by_code.valeur is not null
        -- an empty directory publishes nothing (not zeros everywhere)
        and exists (select 1 from initiatives)
)

select * from final;

-- name: engine_build_stored
-- one row per stored (non-empty) observation
create or replace temp table engine_stored as
with final as (
    select
        observations.indicateur,
        observations.territoire,
        observations.niveau,
        observations.annee,
        observations.valeur,
        observations.statut,
        observations.source,
        observations.batch_id
    from observations
    where observations.valeur is not null
    union all
    select * from engine_directory
)

select * from final;

-- name: engine_build_inputs
-- one row per value larger territories are built from: every stored value, and for a commune
-- without its own value of a `somme` indicator in a year, the sum of its arrondissements
-- municipaux (`lifted`); so the EPCI, département and région count each commune once
create or replace temp table engine_inputs as
with sums as (
    select code from indicateurs where agregation = 'somme'
),

lifted as (
    select
        stored.indicateur,
        components.parent_code as territoire,
        'commune' as niveau,
        stored.annee,
        sum(stored.valeur) as valeur,
        'calcule' as statut,
        null::varchar as source,
        max(stored.batch_id) as batch_id
    from engine_stored as stored
    semi join sums on sums.code = stored.indicateur
    inner join engine_components as components
        on components.child_code = stored.territoire
        and components.child_niveau = stored.niveau
        and components.child_niveau = 'arrondissement_municipal'
        and components.parent_niveau = 'commune'
    where not exists (
        select 1 from engine_stored as own
        where own.indicateur = stored.indicateur
            and own.territoire = components.parent_code
            and own.niveau = 'commune'
            and own.annee = stored.annee
    )
    group by all
),

final as (
    select *, false as lifted from engine_stored
    union all
    select *, true from lifted
)

select * from final;

-- name: engine_build_grid
-- one row per indicator, territory and year of the indicator's span, at every level where it exists
create or replace temp table engine_grid as
with catalogue as (
    select code, agregation, numerateur, denominateur
    from indicateurs
),

inputs as (
    select code as indicateur, code as input_code from catalogue
    union all
    select code, numerateur from catalogue where agregation = 'ratio' and numerateur is not null
    union all
    select code, denominateur from catalogue where agregation = 'ratio' and denominateur is not null
),

stored_levels as (
    select
        inputs.indicateur,
        engine_inputs.niveau,
        min(engine_inputs.annee) as first_year,
        max(engine_inputs.annee) as last_year
    from inputs
    inner join engine_inputs on engine_inputs.indicateur = inputs.input_code
    group by inputs.indicateur, engine_inputs.niveau
),

level_parents as (
    select distinct child_niveau, parent_niveau
    from engine_components
),

existing_levels as (
    select distinct stored_levels.indicateur, level_parents.parent_niveau as niveau
    from stored_levels
    inner join catalogue on catalogue.code = stored_levels.indicateur
    inner join level_parents on level_parents.child_niveau = stored_levels.niveau
    where catalogue.agregation <> 'aucune' or level_parents.parent_niveau = stored_levels.niveau
),

spans as (
    select indicateur, min(first_year) as first_year, max(last_year) as last_year
    from stored_levels
    group by indicateur
),

years as (
    select spans.indicateur, unnest(range(spans.first_year, spans.last_year + 1))::integer as annee
    from spans
),

final as (
    select
        existing_levels.indicateur,
        territoires.code as territoire,
        territoires.niveau,
        years.annee
    from existing_levels
    inner join territoires on territoires.niveau = existing_levels.niveau
    inner join years on years.indicateur = existing_levels.indicateur
)

select * from final;

-- name: engine_build_computed
-- one row per indicator, territory and year computable from component territories (best coverage)
create or replace temp table engine_computed as
with catalogue as (
    select code, agregation, numerateur, denominateur
    from indicateurs
    where agregation in ('somme', 'ratio')
),

component_totals as (
    select parent_code, parent_niveau, child_niveau, count(*) as composantes_total
    from engine_components
    group by parent_code, parent_niveau, child_niveau
),

sum_parts as (
    select
        catalogue.code as indicateur,
        components.parent_code,
        components.parent_niveau,
        components.child_niveau,
        components.child_depth,
        inputs.annee,
        sum(inputs.valeur) as valeur,
        sum(inputs.valeur) as compte,
        count(*) as composantes_n,
        max(inputs.batch_id) as batch_id
    from catalogue
    inner join engine_inputs as inputs on inputs.indicateur = catalogue.code
    inner join engine_components as components
        on components.child_code = inputs.territoire
        and components.child_niveau = inputs.niveau
        and components.parent_niveau <> components.child_niveau
    where catalogue.agregation = 'somme'
    group by all
),

-- Only the input rows of ratio inputs, filtered before the self-join: left to the optimizer,
-- every stored row was joined to its components and to itself first, and the catalogue last
-- (with no ratio in the catalogue, 70 % of this statement's time for no row).
ratio_input_rows as materialized (
    select *
    from engine_inputs
    where indicateur in (
        select numerateur from catalogue where agregation = 'ratio'
        union
        select denominateur from catalogue where agregation = 'ratio'
    )
),

ratio_inputs as (
    select
        catalogue.code as indicateur,
        numerators.territoire,
        numerators.niveau,
        numerators.annee,
        numerators.valeur as numerator_value,
        denominators.valeur as denominator_value,
        greatest(numerators.batch_id, denominators.batch_id) as batch_id,
        numerators.lifted or denominators.lifted as lifted
    from catalogue
    inner join ratio_input_rows as numerators on numerators.indicateur = catalogue.numerateur
    inner join ratio_input_rows as denominators
        on denominators.indicateur = catalogue.denominateur
        and denominators.territoire = numerators.territoire
        and denominators.niveau = numerators.niveau
        and denominators.annee = numerators.annee
    where catalogue.agregation = 'ratio'
),

ratio_parts as (
    select
        ratio_inputs.indicateur,
        components.parent_code,
        components.parent_niveau,
        components.child_niveau,
        components.child_depth,
        ratio_inputs.annee,
        case
            when sum(ratio_inputs.denominator_value) > 0
                then 100 * sum(ratio_inputs.numerator_value) / sum(ratio_inputs.denominator_value)
        end as valeur,
        sum(ratio_inputs.numerator_value) as compte,
        count(*) as composantes_n,
        max(ratio_inputs.batch_id) as batch_id
    from ratio_inputs
    inner join engine_components as components
        on components.child_code = ratio_inputs.territoire
        and components.child_niveau = ratio_inputs.niveau
    -- a commune's rate from its arrondissements is computed from them, not from their sums
    where not (ratio_inputs.lifted and components.parent_niveau = components.child_niveau)
    group by all
),

parts as (
    select * from sum_parts
    union all
    select * from ratio_parts
),

with_totals as (
    select parts.*, component_totals.composantes_total
    from parts
    inner join component_totals
        on component_totals.parent_code = parts.parent_code
        and component_totals.parent_niveau = parts.parent_niveau
        and component_totals.child_niveau = parts.child_niveau
),

-- The territory's own numerator and denominator first, then the best-covered, finest level.
final as (
    select *
    from with_totals
    qualify row_number() over (
        partition by indicateur, parent_code, parent_niveau, annee
        order by
            (child_niveau = parent_niveau) desc,
            composantes_n / composantes_total desc,
            child_depth desc
    ) = 1
)

select * from final;

-- name: engine_build_cells
-- one row per cell of the grid: stored value if any, else computed one, with its underlying count
create or replace temp table engine_cells as
with joined as (
    select
        engine_grid.indicateur,
        engine_grid.territoire,
        engine_grid.niveau,
        engine_grid.annee,
        catalogue.agregation,
        catalogue.unite,
        catalogue.secret_seuil,
        catalogue.numerateur,
        catalogue.denominateur,
        catalogue.source as catalogue_source,
        engine_stored.valeur as stored_value,
        engine_stored.statut as stored_statut,
        engine_stored.source as stored_source,
        engine_stored.batch_id as stored_batch_id,
        computed.valeur as computed_value,
        computed.compte as computed_count,
        computed.composantes_n,
        computed.composantes_total,
        computed.batch_id as computed_batch_id
    from engine_grid
    inner join indicateurs as catalogue on catalogue.code = engine_grid.indicateur
    left join engine_stored
        on engine_stored.indicateur = engine_grid.indicateur
        and engine_stored.territoire = engine_grid.territoire
        and engine_stored.niveau = engine_grid.niveau
        and engine_stored.annee = engine_grid.annee
    left join engine_computed as computed
        on computed.indicateur = engine_grid.indicateur
        and computed.parent_code = engine_grid.territoire
        and computed.parent_niveau = engine_grid.niveau
        and computed.annee = engine_grid.annee
        and catalogue.agregation <> 'aucune'
),

resolved as (
    select
        joined.*,
        joined.stored_value is null and joined.computed_value is not null as calcule
    from joined
),

final as (
    select
        indicateur,
        territoire,
        niveau,
        annee,
        agregation,
        secret_seuil,
        numerateur,
        denominateur,
        coalesce(stored_value, computed_value) as valeur,
        case
            when coalesce(stored_value, computed_value) is null then 'absent'
            else 'publie'
        end as etat,
        calcule,
        case when calcule then composantes_n end::integer as composantes_n,
        case when calcule then composantes_total end::integer as composantes_total,
        case when calcule then composantes_n = composantes_total else true end as complet,
        case
            when calcule then computed_count
            when agregation = 'ratio' then null
            when agregation = 'somme' or unite = 'nombre' then stored_value
        end as compte,
        case when calcule then 'calcule' else stored_statut end as statut,
        case when calcule then catalogue_source else coalesce(stored_source, catalogue_source) end
            as source,
        case when calcule then computed_batch_id else stored_batch_id end as batch_id,
        -- the source's own figure where components give one too (not the directory's, which
        -- stores every level itself)
        stored_value is not null and computed_value is not null
            and indicateur not in (select code from directory_indicators) as valeur_source,
        -- primary secret, and the width an attacker's interval on the cell must keep
        false as primaire,
        null::integer as seuil_protection
    from resolved
)

select * from final;

-- name: engine_build_ratio_counts
-- one row per stored ratio cell: its underlying count is the numerator's value at that cell
update engine_cells as ratio_cell
set compte = numerator_cell.valeur
from engine_cells as numerator_cell
where ratio_cell.agregation = 'ratio'
    and not ratio_cell.calcule
    and ratio_cell.valeur is not null
    and numerator_cell.indicateur = ratio_cell.numerateur
    and numerator_cell.territoire = ratio_cell.territoire
    and numerator_cell.niveau = ratio_cell.niveau
    and numerator_cell.annee = ratio_cell.annee;

-- name: engine_build_primary_secret
-- one row per cell whose underlying count is below the indicator's threshold (primary rule)
update engine_cells
set etat = 'secret', primaire = true, seuil_protection = secret_seuil
where etat = 'publie'
    and compte is not null
    and compte < secret_seuil;

-- name: engine_build_numerator_secret
-- one row per numerator cell hidden (or protected more) because its ratio is primary secret there:
-- a ratio's threshold protects its numerator, whatever the numerator indicator's own threshold
update engine_cells as numerator_cell
set etat = 'secret', primaire = true,
    seuil_protection = greatest(coalesce(numerator_cell.seuil_protection, 0), ratios.seuil)
from (
    select numerateur as indicateur, territoire, niveau, annee, max(secret_seuil) as seuil
    from engine_cells
    where agregation = 'ratio' and primaire
    group by all
) as ratios
where numerator_cell.indicateur = ratios.indicateur
    and numerator_cell.territoire = ratios.territoire
    and numerator_cell.niveau = ratios.niveau
    and numerator_cell.annee = ratios.annee
    and numerator_cell.etat <> 'absent'
    and coalesce(numerator_cell.seuil_protection, 0) < ratios.seuil;

-- name: engine_build_denominator_cover
-- one row per denominator cell hidden (or protected) because numerator ≤ denominator would
-- otherwise cap a protected numerator below its threshold (percentages only)
update engine_cells as denominator_cell
set etat = 'secret',
    seuil_protection = greatest(coalesce(denominator_cell.seuil_protection, 0), numerators.seuil)
from (
    select ratios.denominateur as indicateur, cells.territoire, cells.niveau, cells.annee,
           max(cells.seuil_protection) as seuil
    from engine_cells as cells
    inner join indicateurs as ratios
        on ratios.numerateur = cells.indicateur
        and ratios.agregation = 'ratio' and ratios.unite = 'pourcentage'
    where cells.seuil_protection > 0
    group by all
) as numerators
where denominator_cell.indicateur = numerators.indicateur
    and denominator_cell.territoire = numerators.territoire
    and denominator_cell.niveau = numerators.niveau
    and denominator_cell.annee = numerators.annee
    and denominator_cell.etat <> 'absent'
    and denominator_cell.valeur < numerators.seuil
    and coalesce(denominator_cell.seuil_protection, 0) < numerators.seuil;

-- name: engine_build_secondary_step
-- one row per cell newly hidden because a split of a total left a hidden cell too narrow a range
update engine_cells as cell
set etat = 'secret'
from (
    with secret_cells as materialized (
        select indicateur, annee, territoire, niveau, calcule, valeur, seuil_protection
        from engine_cells
        where etat = 'secret' and agregation = 'somme'
    ),

    -- Only splits holding a hidden cell, or of a hidden total, can give one away: the others
    -- are never read.
    hidden_sums as materialized (
        select
            secret_cells.indicateur, secret_cells.annee, splits.parent_code, splits.parent_niveau,
            splits.partition_name,
            count(*) as hidden_n,
            sum(secret_cells.valeur) as hidden_sum,
            max(secret_cells.seuil_protection) as hidden_seuil
        from secret_cells
        inner join engine_partitions as splits
            on splits.child_code = secret_cells.territoire
            and splits.child_niveau = secret_cells.niveau
        group by all
    ),

    hidden_total_splits as (
        select distinct secret_cells.indicateur, secret_cells.annee, splits.parent_code,
               splits.parent_niveau, splits.partition_name, secret_cells.seuil_protection
        from secret_cells
        inner join engine_partitions as splits
            on splits.parent_code = secret_cells.territoire
            and splits.parent_niveau = secret_cells.niveau
        where secret_cells.calcule and splits.partition_name not like 'bloc\_%' escape '\'
    ),

    -- A shown total minus its shown children is the sum of the hidden ones: that sum must
    -- leave each protected hidden child a range as wide as its threshold, and one hidden
    -- child alone would be given away. A hidden total is the sum of its children: its hidden
    -- children must leave it the same range.
    -- The part of a straddling EPCI in one département counts as a shown total.
    candidate_splits as (
        select hidden_sums.*, 'publie' as parent_etat, hidden_sums.hidden_seuil as needed
        from hidden_sums
        semi join engine_cells as parents
            on parents.indicateur = hidden_sums.indicateur
            and parents.annee = hidden_sums.annee
            and parents.territoire = hidden_sums.parent_code
            and parents.niveau = hidden_sums.parent_niveau
            and (parents.etat = 'publie' or hidden_sums.partition_name like 'bloc\_%' escape '\')
        union all
        select totals.indicateur, totals.annee, totals.parent_code, totals.parent_niveau,
               totals.partition_name, coalesce(hidden_sums.hidden_n, 0),
               coalesce(hidden_sums.hidden_sum, 0), hidden_sums.hidden_seuil, 'secret',
               totals.seuil_protection
        from hidden_total_splits as totals
        left join hidden_sums
            on hidden_sums.indicateur = totals.indicateur
            and hidden_sums.annee = totals.annee
            and hidden_sums.parent_code = totals.parent_code
            and hidden_sums.parent_niveau = totals.parent_niveau
            and hidden_sums.partition_name = totals.partition_name
    ),

    exposed_groups as materialized (
        select *, greatest(coalesce(needed, 0) - hidden_sum, 0) as deficit
        from candidate_splits
        where (parent_etat = 'publie' and (hidden_n = 1 or hidden_sum < needed))
            or (parent_etat = 'secret' and (hidden_n = 0 or hidden_sum < needed))
    ),

    -- The children of the exposed splits first, then their cells: joined the other way round
    -- (every split's children with every cell) the planner built millions of rows.
    exposed_splits as materialized (
        select exposed_groups.indicateur, exposed_groups.annee, exposed_groups.parent_code,
               exposed_groups.parent_niveau, exposed_groups.partition_name,
               exposed_groups.deficit, splits.child_code, splits.child_niveau,
               splits.child_departement
        from exposed_groups
        inner join engine_partitions as splits
            on splits.parent_code = exposed_groups.parent_code
            and splits.parent_niveau = exposed_groups.parent_niveau
            and splits.partition_name = exposed_groups.partition_name
    ),

    exposed_children as materialized (
        select exposed_splits.*, cells.etat, cells.valeur
        from exposed_splits
        inner join engine_cells as cells
            on cells.indicateur = exposed_splits.indicateur
            and cells.annee = exposed_splits.annee
            and cells.territoire = exposed_splits.child_code
            and cells.niveau = exposed_splits.child_niveau
    ),

    secret_departements as (
        select distinct indicateur, annee, parent_code, parent_niveau, partition_name,
                        child_departement
        from exposed_children
        where etat = 'secret' and child_departement is not null
    ),

    -- Near the secret first (same département), then one child enough to fill the gap,
    -- then the smallest: the least of these keys per split (a grouping, not a sort).
    smallest_shown as (
        select
            exposed_children.indicateur, exposed_children.annee, exposed_children.parent_code,
            exposed_children.parent_niveau, exposed_children.partition_name,
            arg_min({'code': exposed_children.child_code,
                     'niveau': exposed_children.child_niveau},
                    {'far': near.child_departement is null,
                     'short': not (exposed_children.valeur >= exposed_children.deficit
                                   and exposed_children.valeur > 0),
                     'valeur': exposed_children.valeur, 'code': exposed_children.child_code,
                     'niveau': exposed_children.child_niveau}) as child
        from exposed_children
        left join secret_departements as near
            on near.indicateur = exposed_children.indicateur
            and near.annee = exposed_children.annee
            and near.parent_code = exposed_children.parent_code
            and near.parent_niveau = exposed_children.parent_niveau
            and near.partition_name = exposed_children.partition_name
            and near.child_departement = exposed_children.child_departement
        where exposed_children.etat = 'publie'
        group by all
    ),

    -- No other child to hide: the total itself is hidden instead.
    lone_parents as (
        select exposed_groups.indicateur, exposed_groups.annee,
               exposed_groups.parent_code as territoire, exposed_groups.parent_niveau as niveau
        from exposed_groups
        anti join smallest_shown
            on smallest_shown.indicateur = exposed_groups.indicateur
            and smallest_shown.annee = exposed_groups.annee
            and smallest_shown.parent_code = exposed_groups.parent_code
            and smallest_shown.parent_niveau = exposed_groups.parent_niveau
            and smallest_shown.partition_name = exposed_groups.partition_name
        where exposed_groups.parent_etat = 'publie'
    ),

    final as (
        select indicateur, annee, child.code as territoire, child.niveau as niveau
        from smallest_shown
        union
        select indicateur, annee, territoire, niveau
        from lone_parents
    )

    select * from final
) as hidden
where cell.indicateur = hidden.indicateur
    and cell.annee = hidden.annee
    and cell.territoire = hidden.territoire
    and cell.niveau = hidden.niveau
    and cell.etat = 'publie';

-- name: engine_build_ratio_secret
-- one row per ratio cell hidden because its numerator or its denominator is secret at that cell
-- (a shown rate and a shown numerator give the denominator: 100 × numerator / rate)
update engine_cells as ratio_cell
set etat = 'secret'
from engine_cells as input_cell
where ratio_cell.agregation = 'ratio'
    and ratio_cell.etat = 'publie'
    and input_cell.indicateur in (ratio_cell.numerateur, ratio_cell.denominateur)
    and input_cell.territoire = ratio_cell.territoire
    and input_cell.niveau = ratio_cell.niveau
    and input_cell.annee = ratio_cell.annee
    and input_cell.etat = 'secret';

-- name: engine_build_ratio_coverage
-- one row per computed ratio hidden because a hidden numerator or denominator among its components
-- lacks its partner: the rate's sums and the totals would give it away
update engine_cells as ratio_cell
set etat = 'secret'
from (
    with ratios as (
        select computed.indicateur, computed.parent_code, computed.parent_niveau, computed.annee,
               computed.child_niveau, computed.composantes_n, catalogue.numerateur,
               catalogue.denominateur
        from engine_computed as computed
        inner join indicateurs as catalogue
            on catalogue.code = computed.indicateur and catalogue.agregation = 'ratio'
        where computed.child_niveau <> computed.parent_niveau
    ),

    -- With the totals of its numerator and denominator, a rate over fewer components tells
    -- the components that hold only one of them: harmless unless one of those is hidden.
    secret_inputs as (
        select ratios.indicateur, ratios.parent_code, ratios.parent_niveau, ratios.annee,
               inputs.territoire, inputs.niveau,
               case when inputs.indicateur = ratios.numerateur then ratios.denominateur
                   else ratios.numerateur end as partner
        from ratios
        inner join engine_components as components
            on components.parent_code = ratios.parent_code
            and components.parent_niveau = ratios.parent_niveau
            and components.child_niveau = ratios.child_niveau
        inner join engine_cells as inputs
            on inputs.indicateur in (ratios.numerateur, ratios.denominateur)
            and inputs.territoire = components.child_code
            and inputs.niveau = components.child_niveau
            and inputs.annee = ratios.annee
        -- a commune computed from its arrondissements is a component as stored ones are
        where inputs.etat = 'secret' and (not inputs.calcule or inputs.niveau = 'commune')
    ),

    final as (
        select distinct secret_inputs.indicateur, secret_inputs.parent_code as territoire,
               secret_inputs.parent_niveau as niveau, secret_inputs.annee
        from secret_inputs
        anti join engine_inputs as partners
            on partners.indicateur = secret_inputs.partner
            and partners.territoire = secret_inputs.territoire
            and partners.niveau = secret_inputs.niveau
            and partners.annee = secret_inputs.annee
    )

    select * from final
) as hidden
where ratio_cell.indicateur = hidden.indicateur
    and ratio_cell.territoire = hidden.territoire
    and ratio_cell.niveau = hidden.niveau
    and ratio_cell.annee = hidden.annee
    and ratio_cell.etat = 'publie';

-- name: engine_build_clear
-- no row: empties the published figures (both orders) before they are written again
delete from published_values;
delete from published_by_territory;
delete from secret_summary;

-- name: engine_build_publish
-- one row per published cell; the value is kept only when shown
insert into published_values
with final as (
    select
        indicateur,
        territoire,
        niveau,
        annee,
        case when etat = 'publie' then valeur end as valeur,
        etat,
        calcule,
        composantes_n,
        composantes_total,
        case when calcule then composantes_n || '/' || composantes_total end as couverture,
        complet,
        statut,
        source,
        batch_id,
        valeur_source
    from engine_cells
)

select * from final
order by indicateur, niveau, annee, territoire;

-- name: engine_build_publish_by_territory
-- one row per published cell, ordered by territory (sql/schema/004_published_by_territory.sql)
insert into published_by_territory by name
select * from published_values
order by territoire, niveau, indicateur, annee;

-- name: engine_build_publish_secret_summary
-- one row per indicator: its secret cells and the primary ones among them
insert into secret_summary
select indicateur, count(*) filter (where etat = 'secret'), count(*) filter (where primaire)
from engine_cells
group by indicateur
order by indicateur;

-- name: engine_build_published_count
-- one row: how many figures are published
select count(*) as published_n from published_values;

-- name: engine_build_drop
-- no row: removes the work tables
drop table if exists engine_components;
drop table if exists engine_partitions;
drop table if exists engine_directory;
drop table if exists engine_stored;
drop table if exists engine_inputs;
drop table if exists engine_computed;
drop table if exists engine_grid;
drop table if exists engine_cells
