-- Durability and impact of the initiatives (issue #19): the year an initiative stopped, and the
-- indicators the engine computes from the directory (sql/queries/engine_build.sql,
-- engine_build_directory). They are catalogue rows like any other, written by no batch: their
-- codes are listed in `directory_indicators`, so imports can neither overwrite nor delete them.
alter table initiatives add column if not exists annee_fin integer;
alter table initiatives_history add column if not exists annee_fin integer;

-- one row per indicator computed from the directory
create table if not exists directory_indicators (
    code text primary key
);

create temp table directory_definitions (
    code text, libelle text, theme text, unite text, description text, source text, sens text,
    agregation text, secret_seuil integer
);

insert into directory_definitions values
    ('initiatives_actives', 'Initiatives actives', 'innovation_sociale', 'nombre',
     'Initiatives recensées par l''observatoire et actives dans l''année : de leur année de '
     'création à leur année de fin (incluses). Une initiative sans année de création compte '
     'pour l''année en cours seulement. C''est ce que l''observatoire connaît, pas un recensement.',
     'annuaire de l''observatoire', 'hausse_favorable', 'somme', 0),
    ('initiatives_creees', 'Initiatives créées dans l''année', 'innovation_sociale', 'nombre',
     'Initiatives recensées par l''observatoire dont l''année de création est l''année du chiffre.',
     'annuaire de l''observatoire', 'hausse_favorable', 'somme', 0),
    ('initiatives_pour_10000_hab', 'Initiatives actives pour 10 000 habitants', 'innovation_sociale',
     'nombre',
     'Initiatives actives recensées par l''observatoire, rapportées à la population du '
     'territoire (référence des territoires, la même pour toutes les années) : 10 000 × '
     'initiatives actives / population.',
     'annuaire de l''observatoire', 'hausse_favorable', 'aucune', 0),
    ('initiatives_emplois_etp', 'Emplois des initiatives (ETP)', 'innovation_sociale', 'etp',
     'Somme des emplois en équivalent temps plein déclarés par les initiatives actives qui ont '
     'renseigné ce champ. Chiffre actuel : publié pour l''année en cours seulement.',
     'annuaire de l''observatoire', 'hausse_favorable', 'somme', 0),
    ('initiatives_benevoles', 'Bénévoles des initiatives', 'innovation_sociale', 'nombre',
     'Somme des bénévoles déclarés par les initiatives actives qui ont renseigné ce champ. '
     'Chiffre actuel : publié pour l''année en cours seulement.',
     'annuaire de l''observatoire', 'hausse_favorable', 'somme', 0),
    ('initiatives_beneficiaires', 'Bénéficiaires des initiatives', 'innovation_sociale', 'nombre',
     'Somme des bénéficiaires déclarés par les initiatives actives qui ont renseigné ce champ. '
     'Chiffre actuel : publié pour l''année en cours seulement.',
     'annuaire de l''observatoire', 'hausse_favorable', 'somme', 0),
    ('part_initiatives_femmes', 'Part des initiatives portées par une femme', 'innovation_sociale',
     'pourcentage',
     'Part des initiatives actives dont la réponse « portée par une femme » est oui, parmi les '
     'initiatives actives (une réponse absente compte comme non).',
     'annuaire de l''observatoire', 'hausse_favorable', 'aucune', 0),
    ('part_initiatives_economie_circulaire', 'Part des initiatives d''économie circulaire',
     'innovation_sociale', 'pourcentage',
     'Part des initiatives actives qui relèvent de l''économie circulaire, parmi les initiatives '
     'actives (une réponse absente compte comme non).',
     'annuaire de l''observatoire', 'hausse_favorable', 'aucune', 0),
    ('survie_3_ans', 'Taux de pérennité à 3 ans des initiatives', 'innovation_sociale',
     'pourcentage',
     'Parmi les initiatives créées l''année du chiffre dans le territoire, part de celles '
     'toujours actives 3 ans plus tard (sans année de fin, ou une année de fin postérieure à '
     'la création + 3). Publié pour les générations d''au moins 3 ans.',
     'annuaire de l''observatoire', 'hausse_favorable', 'aucune', 0),
    ('survie_5_ans', 'Taux de pérennité à 5 ans des initiatives', 'innovation_sociale',
     'pourcentage',
     'Parmi les initiatives créées l''année du chiffre dans le territoire, part de celles '
     'toujours actives 5 ans plus tard (sans année de fin, ou une année de fin postérieure à '
     'la création + 5). Publié pour les générations d''au moins 5 ans.',
     'annuaire de l''observatoire', 'hausse_favorable', 'aucune', 0);

-- A catalogue that already used one of these codes keeps its own row and its own figures.
insert into directory_indicators
select code from directory_definitions anti join indicateurs using (code);

insert into indicateurs by name
select * from directory_definitions semi join directory_indicators using (code);

drop table directory_definitions;

-- The directory's scope with the activity facet: an initiative with an end year has stopped.
-- One more boolean `ok_activite` beside those of `directory_placed` (005); null means "any".

-- one row per initiative of `directory_placed`, with ok_activite
create or replace macro directory_listed(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis, activity
) as table
select
    placed.*,
    activity is null
        or (activity = 'en_activite' and placed.annee_fin is null)
        or (activity = 'arretee' and placed.annee_fin is not null) as ok_activite
from directory_placed(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis
) as placed;

-- one row per initiative of `directory_listed` that passes every facet (the impact views)
create or replace macro directory_matching(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis, activity
) as table
select listed.*
from directory_listed(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis, activity
) as listed
where listed.ok_thematique and listed.ok_public and listed.ok_stade and listed.ok_forme
    and listed.ok_creation and listed.ok_ec and listed.ok_femme and listed.ok_departement
    and listed.ok_epci and listed.ok_activite;
