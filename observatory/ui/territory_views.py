"""Territoire page: the portrait's metrics and gaps in words, its tables, the initiatives.

Reads go through the cached engine reads of `indicator_views`; the page renders the panels.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from observatory import charts, directory, formatting, labels, sparkline, textsafety
from observatory.directory import DirectoryQuery
from observatory.i18n import tr
from observatory.indicator_panels import cell_text
from observatory.ui.frame import Selection
from observatory.ui.indicator_reads import territory_portrait
from observatory.ui.indicator_views import initiatives_link

PORTRAIT_COLUMNS_PER_ROW = 3


def portrait_rows(selection: Selection, theme: str | None = None) -> pd.DataFrame:
    """Return the portrait of the selected territory in theme order, of one theme when given."""
    portrait = territory_portrait(selection.code, selection.level)
    return portrait if theme is None else portrait.loc[portrait["theme"] == theme]


def portrait_themes(selection: Selection) -> list[str]:
    """Return the themes of the territory's portrait, in the observatory's order."""
    return list(dict.fromkeys(portrait_rows(selection)["theme"]))


def by_theme(rows: pd.DataFrame):
    """Return (theme, rows) pairs of a portrait, in its order."""
    return rows.groupby("theme", sort=False)


def verdict_word(favourable: bool | None, lang: str) -> str:
    """Return « favorable », « défavorable » or « neutre » (the gap's meaning in words)."""
    return tr({True: "favorable", False: "défavorable", None: "neutre"}[favourable], lang)


def gap_text(row, lang: str) -> str | None:
    """Return « +0,6 pts par rapport à Rennes Métropole (favorable) », None without a gap.

    A secret parent figure reads « Rennes Métropole : secret », not a missing gap; a summed
    total (`additif`) is part of its parent's and gets neither.
    """
    if not isinstance(row["parent"], str) or row.get("additif"):
        return None
    if row.get("etat_parent") == "secret":
        return tr("{parent} : {value}", lang, parent=row["parent"],
                  value=formatting.state_word("secret", lang))
    if formatting.is_missing(row["ecart_parent"]):
        return None
    gap = formatting.format_change(row["ecart_parent"], row["unite"], lang) or "0"
    # A gap that rounds to nothing is neither good nor bad news (its colour is gray too).
    favourable = (None if formatting.is_missing(row["favorable"])
                  or not formatting.shows_a_change(gap) else bool(row["favorable"]))
    return tr("{gap} par rapport à {parent} ({verdict})", lang, gap=gap, parent=row["parent"],
              verdict=verdict_word(favourable, lang))


def sparklines(series: pd.DataFrame, codes=None) -> dict[str, list[tuple[int, float]]]:
    """Return each indicator's shown (year, value) points in year order, from `portrait_series`.

    `codes`: only these indicators. One pass over plain lists: filtering the frame per
    indicator cost more than the portrait query, and pandas' sort and grouping per theme
    about as much as the query again.
    """
    wanted = None if codes is None else set(codes)
    rows = [(code, year, value) for code, year, value, etat in zip(
        series["indicateur"].tolist(), series["annee"].tolist(), series["valeur"].tolist(),
        series["etat"].tolist(), strict=True)
        if etat == "publie" and (wanted is None or code in wanted)]
    points: dict[str, list[tuple[int, float]]] = {}
    for code, year, value in sorted(rows, key=lambda row: (row[0], row[1])):
        points.setdefault(code, []).append((int(year), value))
    return points


def show_indicator_metric(row, points: list[tuple[int, float]], lang: str, container) -> None:
    """Show one indicator of a portrait (a row: Series or dict): latest value, sparkline, gap."""
    favourable = None if formatting.is_missing(row["favorable"]) else bool(row["favorable"])
    year = "" if formatting.is_missing(row["annee"]) else f" ({int(row['annee'])})"
    status = "" if row["etat"] != "publie" else formatting.status_text(
        row["statut"], row["couverture"], lang, row.get("valeur_source") is True)
    help_text = " · ".join(part for part in (
        tr("Source : {source}", lang, source=cell_text(row["source"])), status,
        formatting.batch_text(row["batch_id"], lang)) if part)
    gap = None if row.get("etat_parent") == "secret" or row.get("additif") else row["ecart_parent"]
    colour, arrow = formatting.delta_style(gap, favourable, formatting.format_change(
        gap, row["unite"], lang))
    # The card holds the metric and a sparkline named by its values (Streamlit's own
    # metric sparkline is an image without a text alternative).
    card = container.container(border=True)
    card.metric(
        textsafety.markdown(f"{row['libelle']}{year}"), formatting.format_value(row["valeur"], row["unite"],
                                                           row["etat"], lang),
        delta=gap_text(row, lang), delta_color=colour, delta_arrow=arrow,
        help=textsafety.markdown(help_text))
    if len(points) > 1:
        card.html(sparkline.sparkline_html(points, row["unite"], lang))


def show_portrait_theme(rows: pd.DataFrame, series: pd.DataFrame, lang: str) -> None:
    """Show a theme's indicators as a grid of metrics."""
    points = sparklines(series, rows["indicateur"])
    # Rows as dicts: a Series per row (iterrows) cost as much as the metrics themselves.
    records = rows.to_dict("records")
    for start in range(0, len(records), PORTRAIT_COLUMNS_PER_ROW):
        columns = st.columns(PORTRAIT_COLUMNS_PER_ROW)
        for column, row in zip(columns, records[start:start + PORTRAIT_COLUMNS_PER_ROW],
                               strict=False):
            show_indicator_metric(row, points.get(row["indicateur"], []), lang, column)


def portrait_export(portrait: pd.DataFrame) -> pd.DataFrame:
    """Return the portrait's exact table (downloads): every figure with its state and provenance.

    `etat_parent` and `etat_region` go with `valeur_parent` and `valeur_region`, so exports
    write « secret » for a secret parent or région figure, never a blank.
    """
    return portrait[list(PORTRAIT_EXPORT_COLUMNS)].astype({"batch_id": "Int64"})


PORTRAIT_EXPORT_COLUMNS = (
    "indicateur", "libelle", "theme", "annee", "valeur", "unite", "etat", "calcule",
    "couverture", "statut", "source", "batch_id", "evolution_1an", "evolution_periode",
    "type_evolution", "annee_debut", "parent", "valeur_parent", "etat_parent", "ecart_parent",
    "favorable", "valeur_region", "etat_region",
)


def _around_value(value, etat, unit: str, present: bool, lang: str) -> str:
    """Return a parent's or région's figure as read (« secret » when secret), empty without one."""
    if not present:
        return ""
    return formatting.format_value(value, unit, etat if isinstance(etat, str) else "absent",
                                   lang)


def portrait_table(portrait: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the portrait as readers see it: value, change, parent's and région's figures
    (« secret » when secret), gap and its meaning, status, source and import batch."""
    rows = []
    flags = charts.display_flags(portrait["calcule"], lang).tolist()
    statuses = formatting.status_texts(portrait["statut"], lang=lang,
                                       source_values=portrait.get("valeur_source"))
    batches = charts.batch_labels(portrait["batch_id"], lang)
    for flag, status, batch, row in zip(flags, statuses, batches, portrait.to_dict("records"),
                                        strict=True):
        favourable = None if formatting.is_missing(row["favorable"]) else bool(row["favorable"])
        relative = row["type_evolution"] == "pourcent"
        rows.append({
            tr("Thème", lang): labels.theme_name(row["theme"], lang),
            tr("Indicateur", lang): row["libelle"],
            tr("Année", lang): "" if formatting.is_missing(row["annee"]) else int(row["annee"]),
            tr("Valeur", lang): formatting.format_value(row["valeur"], row["unite"], row["etat"],
                                                        lang),
            tr("Évolution sur un an", lang): formatting.format_change(
                row["evolution_1an"], row["unite"], lang, relative=relative),
            tr("Territoire parent", lang): cell_text(row["parent"]),
            tr("Valeur du parent", lang): _around_value(
                row["valeur_parent"], row["etat_parent"], row["unite"],
                isinstance(row["parent"], str), lang),
            tr("Écart au parent", lang): formatting.format_change(row["ecart_parent"],
                                                                  row["unite"], lang),
            tr("Lecture", lang): verdict_word(favourable, lang)
            if not formatting.is_missing(row["ecart_parent"]) else "",
            tr("Valeur de la région", lang): _around_value(
                row["valeur_region"], row["etat_region"], row["unite"],
                isinstance(row["etat_region"], str), lang),
            tr("Calculé", lang): flag,
            tr("Couverture", lang): cell_text(row["couverture"]),
            tr("Statut", lang): status,
            tr("Source", lang): cell_text(row["source"]),
            tr("Lot", lang): batch,
        })
    return pd.DataFrame(rows)


def portrait_source(portrait: pd.DataFrame) -> str:
    """Return the distinct sources of a portrait, joined."""
    return " ; ".join(dict.fromkeys(cell_text(source) for source in portrait["source"] if
                                    cell_text(source)))


INITIATIVES_SHOWN = 8


def territory_initiatives(selection: Selection) -> pd.DataFrame:
    """Return the first initiatives (by name) located in the selected territory, with matches_n."""
    from observatory.ui.directory_view import search_initiatives

    query = DirectoryQuery(territory=selection.code, level=selection.level,
                           territory_name=selection.name)
    # Only the rows listed are read: a département holds tens of thousands at large scale.
    return search_initiatives(query, "nom", INITIATIVES_SHOWN)


def show_initiatives(selection: Selection, lang: str, theme: str | None = None) -> None:
    """Show how many initiatives the territory has, a short list, and the link to all of them
    (with the facets of `theme`, the portrait's chosen theme)."""
    found = territory_initiatives(selection)
    found_n = directory.matches(found)
    query = DirectoryQuery(territory=selection.code, level=selection.level,
                           territory_name=selection.name)
    st.markdown(f"**{textsafety.markdown(directory.filter_sentence(found_n, query, lang))}**")
    if found.empty:
        st.info(tr("Aucune initiative n'est recensée dans ce territoire.", lang))
    for row in found.itertuples():
        commune = cell_text(getattr(row, "commune_nom", "")) or cell_text(row.commune)
        thematique = directory.value_label("thematique", row.thematique, lang)
        st.markdown(f"- **{textsafety.markdown(textsafety.cut(row.nom, 200)[0])}** — "
                    f"{textsafety.markdown(commune)} ({textsafety.markdown(thematique)})")
    if found_n > INITIATIVES_SHOWN:
        st.caption(tr("… et {n} autres.", lang, n=found_n - INITIATIVES_SHOWN))
    initiatives_link(selection, lang, theme)
