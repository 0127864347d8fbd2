-- The catalogue as the pages list it: the indicators computed from the directory only once the
-- directory holds initiatives (an observatory without a directory is not shown ten empty ones).

-- one row per listed indicator of `indicateurs`
create or replace macro listed_indicators() as table
select *
from indicateurs
where code not in (select code from directory_indicators)
    or exists (select 1 from initiatives);
