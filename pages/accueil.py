"""Accueil / Vue d'ensemble: key figures of the selection, a small map, recent updates."""

from observatory.ui import page
from observatory.ui import stories as parts

with page("accueil") as view:
    lang, selection = view.lang, view.selection
    parts.demo_notice(lang)
    parts.subheader(view.t("Chiffres clés — {sentence}", sentence=selection.sentence))
    # The catalogue's headlines à la une (or a choice from it), never codes of the demo.
    headlines = parts.overview_headlines(selection.level, selection.end)
    if not headlines:
        parts.empty_catalogue_notice(lang)
    with parts.guarded(lang, view.t("chiffres clés")):
        parts.metrics(parts.key_figures(headlines, selection.code, selection.level,
                                        selection.start, selection.end), lang)
    left, right = parts.columns([3, 2])
    if headlines:
        with left, parts.guarded(lang, view.t("carte")):
            parts.indicator_map(headlines[0], selection, lang, "accueil.map",
                                level="departement")
    with right, parts.guarded(lang, view.t("dernières mises à jour")):
        parts.updates(lang, compact=True)
