-- A stored figure at a level the engine could also compute from its components is the source's
-- own value (« une valeur fournie par la source prime »): `valeur_source` marks it, so pages,
-- hovers and exports can say « valeur de la source » where a table may not add up.
alter table published_values add column valeur_source boolean not null default false;
alter table published_by_territory add column valeur_source boolean not null default false;
