"""A map's legend as a sentence: its colours name classes a screen reader cannot see."""

from __future__ import annotations

from observatory.i18n import tr

MAP_TRACES = ("choroplethmap", "scattermap")


def legend_sentence(figure, lang: str = "fr") -> str:
    """Return « Légende, unité : 12,5 % – 18,0 % (4 sur la carte) ; … » for a map, else ""."""
    entries = []
    for trace in figure.data:
        if trace.type not in MAP_TRACES or trace.showlegend is False or not trace.name:
            continue
        # Areas have locations, points (Scattermap) only coordinates.
        shown = getattr(trace, "locations", None)
        shown = trace.lat if shown is None else shown
        count = 0 if shown is None else len(shown)
        entry = tr("{name} ({n} sur la carte)", lang, name=trace.name, n=count)
        if entry not in entries:
            entries.append(entry)
    if not entries:
        return ""
    title = figure.layout.legend.title.text
    # A comma, not brackets: the title often holds its own (« euros (€) »).
    lead = tr("Légende, {title}", lang, title=title) if title else tr("Légende", lang)
    return tr("{lead} : {entries}.", lang, lead=lead, entries=" ; ".join(entries))
