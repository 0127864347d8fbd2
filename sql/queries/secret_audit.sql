-- The attacker's linear programme over the published figures (observatory/secret_audit.py).
-- Reads the engine's work tables (observatory/aggregation.py build_cells), never publishes.

-- name: secret_audit_ratio_links
-- one row per rate of the catalogue: its code, numerator and denominator (a chain of rates ties indicators together)
select code, numerateur, denominateur from indicateurs where agregation = 'ratio';

-- name: secret_audit_terms
-- one row per equation the published figures give and per term of it (a cell × a coefficient);
-- `equation` keys a computed total (Σ components) or a shown computed rate (100 ΣN − rate ΣD = 0)
create or replace temp table audit_terms as
with computed_children as (
    select computed.indicateur, computed.parent_code, computed.parent_niveau, computed.annee,
           components.child_code, components.child_niveau
    from engine_computed as computed
    inner join engine_components as components
        on components.parent_code = computed.parent_code
        and components.parent_niveau = computed.parent_niveau
        and components.child_niveau = computed.child_niveau
),

totals as (
    select indicateur, territoire, niveau, annee
    from engine_cells
    where calcule and agregation = 'somme'
),

total_terms as (
    select totals.*, totals.indicateur as term_indicateur, totals.territoire as term_territoire,
           totals.niveau as term_niveau, 1.0 as coefficient
    from totals
    union all
    select totals.*, stored.indicateur, stored.territoire, stored.niveau, -1.0
    from totals
    inner join computed_children as children
        on children.indicateur = totals.indicateur
        and children.parent_code = totals.territoire
        and children.parent_niveau = totals.niveau
        and children.annee = totals.annee
    inner join engine_inputs as stored
        on stored.indicateur = totals.indicateur
        and stored.territoire = children.child_code
        and stored.niveau = children.child_niveau
        and stored.annee = totals.annee
),

rate_children as (
    select rates.indicateur, rates.territoire, rates.niveau, rates.annee, rates.valeur,
           numerators.indicateur as numerator_code, denominators.indicateur as denominator_code,
           children.child_code, children.child_niveau
    from engine_cells as rates
    inner join computed_children as children
        on children.indicateur = rates.indicateur
        and children.parent_code = rates.territoire
        and children.parent_niveau = rates.niveau
        and children.annee = rates.annee
    inner join engine_inputs as numerators
        on numerators.indicateur = rates.numerateur
        and numerators.territoire = children.child_code
        and numerators.niveau = children.child_niveau
        and numerators.annee = rates.annee
    inner join engine_inputs as denominators
        on denominators.indicateur = rates.denominateur
        and denominators.territoire = children.child_code
        and denominators.niveau = children.child_niveau
        and denominators.annee = rates.annee
    where rates.calcule and rates.agregation = 'ratio' and rates.etat = 'publie'
),

rate_terms as (
    select indicateur, territoire, niveau, annee, numerator_code, child_code, child_niveau, 100.0
    from rate_children
    union all
    select indicateur, territoire, niveau, annee, denominator_code, child_code, child_niveau,
           -valeur
    from rate_children
),

final as (
    select
        terms.indicateur || '|' || terms.territoire || '|' || terms.niveau as equation,
        terms.annee,
        terms.term_indicateur as indicateur,
        terms.term_territoire as territoire,
        terms.term_niveau as niveau,
        terms.coefficient,
        cells.etat,
        cells.valeur
    from (select * from total_terms union all select * from rate_terms) as terms
    inner join engine_cells as cells
        on cells.indicateur = terms.term_indicateur
        and cells.territoire = terms.term_territoire
        and cells.niveau = terms.term_niveau
        and cells.annee = terms.annee
)

select * from final;

-- name: secret_audit_equations
-- one row per equation holding a hidden cell: the known part (Σ coefficient × shown value,
-- a compensated sum: thousands of large terms)
select
    equation,
    annee,
    fsum(coefficient * valeur) filter (where etat = 'publie') as known
from audit_terms
group by equation, annee
having count(*) filter (where etat = 'secret') > 0;

-- name: secret_audit_unknowns
-- one row per hidden term of an equation: its cell, coefficient and true value
select equation, annee, indicateur, territoire, niveau, sum(coefficient) as coefficient,
       any_value(valeur) as valeur
from audit_terms
where etat = 'secret'
group by all;

-- name: secret_audit_caps
-- one row per cell pair numerator ≤ denominator of a percentage where either one is hidden
-- (where the data itself breaks the rule, an attacker relying on it would be wrong: not used)
select
    numerators.indicateur as numerator_code,
    denominators.indicateur as denominator_code,
    numerators.territoire,
    numerators.niveau,
    numerators.annee,
    numerators.etat as numerator_etat,
    numerators.valeur as numerator_value,
    denominators.etat as denominator_etat,
    denominators.valeur as denominator_value
from (
    select distinct numerateur, denominateur
    from indicateurs
    where agregation = 'ratio' and unite = 'pourcentage'
) as ratios
inner join engine_cells as numerators on numerators.indicateur = ratios.numerateur
inner join engine_cells as denominators
    on denominators.indicateur = ratios.denominateur
    and denominators.territoire = numerators.territoire
    and denominators.niveau = numerators.niveau
    and denominators.annee = numerators.annee
where 'secret' in (numerators.etat, denominators.etat)
    and numerators.etat <> 'absent' and denominators.etat <> 'absent'
    and numerators.valeur <= denominators.valeur;

-- name: secret_audit_targets
-- one row per primary-secret count cell: the width its attacker's interval must keep
select indicateur, territoire, niveau, annee, etat, valeur, seuil_protection as seuil
from engine_cells
where primaire and agregation <> 'ratio' and seuil_protection > 0;

-- name: secret_audit_counts
-- one row: secret and primary-secret cells, per indicator
select indicateur,
       count(*) filter (where etat = 'secret') as cells_secret,
       count(*) filter (where primaire) as cells_primary
from engine_cells
group by indicateur;
