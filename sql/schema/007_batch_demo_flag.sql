-- The demonstration is recognised by a flag on its batches, never by a file name: a partner's
-- own `observations.csv` is not the demo. Batches loaded by the demo (user « démo ») before
-- this flag existed get it.
alter table batches add column demo boolean not null default false;
update batches set demo = true where user_name = 'démo';
