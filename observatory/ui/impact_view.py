"""The Initiatives page's impact section: totals, breakdowns, creations and survival.

Each view is a figure (or key figures) with its sentence, its table and its downloads, for the
page's current search, territory and facets (observatory/impact.py builds them).
"""

from __future__ import annotations

import streamlit as st

from observatory import charts, formatting, impact, textsafety
from observatory.directory import DirectoryQuery
from observatory.reference import FIXED_VOCABULARIES
from observatory.ui.connection import cached
from observatory.ui.panels import show_figure, show_table

totals = cached(impact.totals)
groups = cached(impact.groups)
creations = cached(impact.creations)
survival = cached(impact.survival)
VIEWS = FIXED_VOCABULARIES["vue_impact"]
VIEW_LABELS = {"chiffres": "Chiffres clés", "thematique": "Par thématique", "stade": "Par stade",
               "creations": "Créations par année", "perennite": "Pérennité"}


def impact_section(view, query: DirectoryQuery) -> None:
    """Render the section: a switch between its views, then the chosen view."""
    st.markdown(f"### {view.t('Impact et pérennité des initiatives')}")
    st.caption(view.t("Ce que l'observatoire connaît des initiatives de cette sélection "
                      "(initiatives recensées par l'observatoire, pas un recensement)."))
    chosen = view.segmented("impact", view.t("Vue"), list(VIEWS),
                            format_func=lambda name: view.t(VIEW_LABELS[name]))
    source = view.t(impact.SOURCE)
    if chosen == "chiffres":
        key_figures(view, query, source)
    elif chosen in ("thematique", "stade"):
        breakdown(view, query, chosen, source)
    elif chosen == "creations":
        creations_view(view, query, source)
    else:
        survival_view(view, query, source)


def key_figures(view, query: DirectoryQuery, source: str) -> None:
    """Show the totals as metrics, each sum with how many initiatives filled its field."""
    summary = totals(query)
    lang = view.lang
    metrics = [(view.t("Initiatives recensées"), summary["initiatives_n"], 0,
                view.t("dont {n} en activité", n=formatting.format_number(
                    summary["active_n"], 0, lang)))]
    metrics += [(view.t(total.label), total.value, total.decimals,
                 impact.coverage_note(total, lang)) for total in summary["fields"]]
    for column, (label, value, decimals, note) in zip(st.columns(len(metrics)), metrics,
                                                      strict=True):
        with column:
            st.metric(label, formatting.format_number(value, decimals, lang) or "—")
            st.caption(textsafety.markdown(note))
    if any(total.partial for total in summary["fields"]):
        st.warning(view.t("Moins de la moitié des initiatives en activité ont renseigné certains "
                          "champs : ces totaux sous-estiment la réalité."),
                   icon=":material/info:")
    st.caption(textsafety.markdown(impact.totals_sentence(summary, lang)))
    table = impact.totals_table(summary, lang)
    show_table(table, title=view.t("Chiffres clés des initiatives"), source=source,
               key="initiatives.impact.totals", lang=lang,
               display_table=impact.display_table(table, lang))


def breakdown(view, query: DirectoryQuery, facet: str, source: str) -> None:
    """Show initiatives (all, and active) by thématique or stade, as bars with their table."""
    table = groups(query, facet, view.lang)
    name, count, active = table.columns[:3]
    figure = charts.build_bars(table[name].tolist(), [
        (count, table[count].tolist()), (active, table[active].tolist())], "nombre",
        view.lang, horizontal=True)
    title = view.t("Initiatives par thématique" if facet == "thematique" else "Initiatives par stade")
    show_figure(figure, table, title=title, source=source,
                summary=impact.groups_sentence(table, view.lang),
                key=f"initiatives.impact.{facet}", lang=view.lang,
                display_table=impact.display_table(table, view.lang))


def creations_view(view, query: DirectoryQuery, source: str) -> None:
    """Show the creations per year, split into still active and stopped since."""
    table = creations(query, view.lang)
    year, _, alive, stopped = table.columns
    figure = charts.build_bars(table[year].tolist(), [
        (alive, table[alive].tolist()), (stopped, table[stopped].tolist())], "nombre",
        view.lang, stacked=True)
    show_figure(figure, table, title=view.t("Créations d'initiatives par année"), source=source,
                summary=impact.creations_sentence(table, view.lang),
                key="initiatives.impact.creations", lang=view.lang,
                display_table=impact.display_table(table, view.lang))


def survival_view(view, query: DirectoryQuery, source: str) -> None:
    """Show the 3- and 5-year survival rates by thématique (taux de pérennité)."""
    table = survival(query, view.lang)
    name, three, _, five, _ = table.columns
    figure = charts.build_bars(table[name].tolist(), [
        (three, table[three].tolist()), (five, table[five].tolist())], "pourcentage",
        view.lang, horizontal=True)
    show_figure(figure, table, title=view.t("Taux de pérennité des initiatives"), source=source,
                summary=impact.survival_sentence(table, view.lang),
                key="initiatives.impact.survival", lang=view.lang,
                display_table=impact.display_table(table, view.lang))
