"""URL state: exact parsing, notices for dropped values, serialisation without defaults."""

import pytest

from observatory.urlstate import (
    Vocabulary,
    default_state,
    parse_view_state,
    serialise_view_state,
    state_of,
)
from tests.conftest import seen

VOCABULARY = Vocabulary({
    "niveau": ("region", "departement", "epci", "commune"),
    "territoire": {"53", "22", "29", "35", "56", "35238"},
    "annee": set(range(2016, 2025)),
    "lang": ("fr", "en"),
    "theme": ("genre", "jeunesse"),
    "indicateur": {"part_femmes_dirigeantes_ess", "taux_neet_16_25"},
    "classes": ("quantiles", "jenks"),
    "onglet_indicateurs": ("carte", "evolution", "classement", "tableau", "comparaison"),
    "thematique": ("alimentation", "mobilite"),
    "flag": ("oui", "non"),
})


def parse(page, **params):
    state, notices = parse_view_state(page, {name: [value] for name, value in params.items()},
                                      VOCABULARY)
    return state, [seen(notice) for notice in notices]


def test_defaults_parse_from_an_empty_url_and_serialise_to_nothing():
    state, notices = parse_view_state("indicateurs", {}, VOCABULARY)
    assert state == default_state("indicateurs")
    assert notices == []
    assert serialise_view_state(state) == {}


def test_a_full_state_round_trips_exactly():
    params = {"niveau": "departement", "territoire": "29", "debut": "2019", "fin": "2023",
              "theme": "genre", "indicateur": "part_femmes_dirigeantes_ess", "annee": "2023",
              "carte": "epci", "classes": "jenks", "comparer": "22,29,35", "onglet": "comparaison"}
    state, notices = parse("indicateurs", **params)
    assert notices == []
    assert state.comparer == ("22", "29", "35")
    assert state.annee == 2023
    assert serialise_view_state(state) == params


def test_invalid_values_are_dropped_with_a_notice_each():
    state, notices = parse("indicateurs", annee="abc", territoire="99999",
                           indicateur="<script>alert(1)</script>", classes="jenks")
    assert (state.annee, state.territoire, state.indicateur, state.classes) == (
        None, None, None, "jenks")
    assert notices == [
        "La valeur « 99999 » du paramètre « territoire » n'est pas valide : elle a été ignorée.",
        "La valeur « <script>alert(1)</script> » du paramètre « indicateur » n'est pas valide : "
        "elle a été ignorée.",
        "La valeur « abc » du paramètre « annee » n'est pas valide : elle a été ignorée.",
    ]


def test_unknown_parameters_are_reported_but_streamlit_ones_are_not():
    state, notices = parse("accueil", foo="1", embed="true")
    assert notices == ["Le paramètre « foo » de l'adresse est inconnu : il a été ignoré."]
    assert serialise_view_state(state) == {}


def test_lists_keep_known_values_in_order_and_at_most_five():
    state, notices = parse("indicateurs", comparer="22,29,xx,35,56,35238,53")
    assert state.comparer == ("22", "29", "35", "56", "35238")
    assert notices == [
        "La valeur « xx » du paramètre « comparer » n'est pas valide : elle a été ignorée.",
        "« comparer » accepte au plus 5 valeurs : les suivantes ont été ignorées.",
    ]


def test_repeated_parameters_are_read_like_a_comma_list():
    state, _ = parse_view_state("initiatives", {"thematique": ["alimentation", "mobilite"]},
                                VOCABULARY)
    assert state.thematique == ("alimentation", "mobilite")
    assert serialise_view_state(state) == {"thematique": "alimentation,mobilite"}


def test_a_period_ending_before_it_starts_is_dropped():
    state, notices = parse("accueil", debut="2023", fin="2018")
    assert (state.debut, state.fin) == (None, None)
    assert notices == ["La période demandée commence après sa fin (2023 > 2018) : elle a été "
                       "ignorée."]


def test_flags_accept_oui_and_non_only_and_notices_follow_the_language():
    state, notices = parse_view_state("initiatives", {"ec": ["peut-etre"], "femme": ["oui"]},
                                      VOCABULARY, lang="en")
    assert (state.ec, state.femme) == (None, "oui")
    assert len(notices) == 1 and "peut-etre" in seen(notices[0])


def test_long_text_is_cut_and_control_characters_are_not_echoed():
    state, notices = parse("initiatives", q="x" * 500, territoire="\x00\x1b[31m")
    assert state.q == "x" * 200
    assert notices == ["La valeur « [31m » du paramètre « territoire » n'est pas valide : elle a "
                       "été ignorée."]


def test_a_value_echoed_in_a_notice_is_escaped_markdown():
    """A shared link cannot put a live link or a third-party image into a notice."""
    link = "![p](https://evil.example/u.png)"
    _, notices = parse_view_state("indicateurs", {"indicateur": [link], "[x](https://e.example)": ["1"]},
                                  VOCABULARY)
    assert all("](" not in notice.replace("\\](", "") for notice in notices)
    assert [seen(notice) for notice in notices] == [
        "Le paramètre « [x](https://e.example) » de l'adresse est inconnu : il a été ignoré.",
        f"La valeur « {link} » du paramètre « indicateur » n'est pas valide : elle a été ignorée."]


def test_each_page_has_one_typed_state_that_is_the_source_of_its_url_fields():
    from observatory.ui.frame import PAGES
    from observatory.urlstate import PAGE_FIELDS, PAGE_STATES

    assert sorted(PAGE_STATES) == sorted(page.key for page in PAGES) == sorted(PAGE_FIELDS)
    state = default_state("indicateurs")
    assert (state.carte, state.classes, state.comparer) == ("departement", "quantiles", ())
    assert [item.max_items for item in PAGE_FIELDS["indicateurs"] if item.name == "comparer"] == [5]
    # A typo is an error where the state is built, not a value silently missing from a URL.
    with pytest.raises(TypeError):
        state_of("indicateurs", {"indicatuer": "emplois"})
    with pytest.raises(AttributeError):
        _ = state.indicatuer
