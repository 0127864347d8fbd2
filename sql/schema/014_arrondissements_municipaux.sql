-- Arrondissements municipaux (Paris, Lyon, Marseille) are a level below the commune: each
-- names its commune in `commune` (DATA-CONTRACT.md §1). The history keeps the same columns.
alter table territoires add column commune text;
alter table territoires_history add column commune text;
