"""A view's whole state as URL query parameters, and back (no Streamlit here).

Each page declares its fields in one frozen dataclass (`PAGE_STATES`): readable French
parameter names, a kind, a default.
`parse_view_state` turns query parameters into a frozen `ViewState`, dropping unknown
or invalid values with a French notice (never raising); `serialise_view_state` writes
the state back, omitting defaults so that URLs stay short. Allowed values that depend
on the data (territory codes, indicator codes, years) come in a `Vocabulary`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar

from observatory.codes import typed_code
from observatory.facets import FACETS
from observatory.i18n import tr
from observatory.textsafety import listing, markdown

# Parameters Streamlit itself reads: never reported as unknown.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
MAX_TEXT_LENGTH = 200
_INTEGER = re.compile(r"^-?[0-9]{1,6}$")


@dataclass(frozen=True)
class Field:
    """One URL parameter: `kind` is choice, int, text, list or flag; `vocabulary` names allowed values."""

    name: str
    kind: str = "choice"
    default: object = None
    vocabulary: str | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values per vocabulary name (e.g. `territoire` → codes, `annee` → years)."""

    allowed: Mapping[str, Collection] = field(default_factory=dict)

    def accepts(self, name: str | None, value) -> bool:
        """Return True when `value` is allowed by the vocabulary `name` (no vocabulary: anything)."""
        if name is None or name not in self.allowed:
            return True
        return value in self.allowed[name]

    def typed(self, name: str | None, value: str) -> str:
        """Return a territory code as the vocabulary writes it (`2a` → `2A`, `4` → `04`), or
        `value` itself when it is not a territory vocabulary or matches nothing."""
        if name not in TERRITORY_VOCABULARIES or name not in self.allowed:
            return value
        return typed_code(value, self.allowed[name]) or value


# Vocabularies of territory codes: a typed code is normalised before it is checked.
TERRITORY_VOCABULARIES = frozenset({"territoire", "departement", "epci"})

def url_field(default=None, kind: str = "choice", vocabulary: str | None = None,
              max_items: int | None = None):
    """Declare a state attribute that is a URL parameter of the same name (see `Field`)."""
    return field(default=default, metadata={"url": (kind, vocabulary, max_items)})


@dataclass(frozen=True)
class ViewState:
    """The state of a page, each attribute a URL parameter: the shared selection here, each
    page's own fields in its subclass (`PAGE_STATES`), the single source of names and defaults."""

    page: ClassVar[str] = ""
    niveau: str = url_field("region", vocabulary="niveau")
    territoire: str | None = url_field(vocabulary="territoire")
    debut: int | None = url_field(kind="int", vocabulary="annee")
    fin: int | None = url_field(kind="int", vocabulary="annee")
    lang: str = url_field("fr", vocabulary="lang")

    @property
    def values(self) -> dict[str, object]:
        """Return every field by name, in URL order (shared first)."""
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def replace(self, **changes) -> ViewState:
        """Return a copy with some values changed (an unknown name raises TypeError)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class AccueilState(ViewState):
    page: ClassVar[str] = "accueil"


# The search, then one field per facet (facets.FACETS: a facet is a row), then the views.
InitiativesState = dataclasses.make_dataclass(
    "InitiativesState",
    [("q", "str", url_field("", "text")),
     *[(facet.name, "tuple[str, ...]" if facet.multiple else "str | None",
        url_field(facet.empty, facet.url_kind, facet.url_vocabulary)) for facet in FACETS],
     ("tri", "str", url_field("nom", vocabulary="tri")),
     ("initiative", "str", url_field("", vocabulary="initiative")),
     ("onglet", "str", url_field("carte", vocabulary="onglet_initiatives")),
     ("impact", "str", url_field("chiffres", vocabulary="vue_impact"))],
    bases=(ViewState,), frozen=True, namespace={"page": "initiatives"})
InitiativesState.__module__ = __name__


@dataclass(frozen=True)
class IndicateursState(ViewState):
    page: ClassVar[str] = "indicateurs"
    theme: str | None = url_field(vocabulary="theme")
    indicateur: str | None = url_field(vocabulary="indicateur")
    annee: int | None = url_field(kind="int", vocabulary="annee")
    carte: str = url_field("departement", vocabulary="niveau")
    classes: str = url_field("quantiles", vocabulary="classes")
    comparer: tuple[str, ...] = url_field((), "list", "territoire", max_items=5)
    onglet: str = url_field("carte", vocabulary="onglet_indicateurs")
    initiatives: str = url_field("non", vocabulary="flag")


@dataclass(frozen=True)
class TerritoireState(ViewState):
    page: ClassVar[str] = "territoire"
    theme: str | None = url_field(vocabulary="theme")


@dataclass(frozen=True)
class ThemeState(ViewState):
    # No fixed default: the theme's first headline in the catalogue (themes.theme_headlines).
    indicateur: str | None = url_field(vocabulary="indicateur")


@dataclass(frozen=True)
class GenreState(ThemeState):
    page: ClassVar[str] = "genre"


@dataclass(frozen=True)
class JeunesseState(ThemeState):
    page: ClassVar[str] = "jeunesse"


@dataclass(frozen=True)
class EconomieCirculaireState(ThemeState):
    page: ClassVar[str] = "economie_circulaire"


@dataclass(frozen=True)
class ImportState(ViewState):
    page: ClassVar[str] = "import"
    onglet: str = url_field("importer", vocabulary="onglet_import")


@dataclass(frozen=True)
class DonneesState(ViewState):
    page: ClassVar[str] = "donnees"
    onglet: str = url_field("catalogue", vocabulary="onglet_donnees")


PAGE_STATES: dict[str, type[ViewState]] = {
    state.page: state for state in (
        AccueilState, InitiativesState, IndicateursState, TerritoireState, GenreState,
        JeunesseState, EconomieCirculaireState, ImportState, DonneesState)}


def _url_fields(state: type[ViewState]) -> tuple[Field, ...]:
    return tuple(Field(item.name, item.metadata["url"][0], item.default, *item.metadata["url"][1:])
                 for item in fields(state))


SHARED_FIELDS = _url_fields(ViewState)
PAGE_FIELDS: dict[str, tuple[Field, ...]] = {
    page: _url_fields(state)[len(SHARED_FIELDS):] for page, state in PAGE_STATES.items()}


def state_of(page: str, values: Mapping[str, object]) -> ViewState:
    """Return the page's state from values by field name (a name it lacks raises TypeError)."""
    return PAGE_STATES[page](**values)


def fields_of(page: str) -> tuple[Field, ...]:
    """Return the shared fields then the page's own fields."""
    return SHARED_FIELDS + PAGE_FIELDS[page]


def has_fixed_default(page: str, name: str) -> bool:
    """Return whether the page's field `name` has a default of its own (not the first option)."""
    return any(item.name == name and item.default is not None for item in fields_of(page))


def parse_view_state(page: str, params: Mapping[str, list[str]], vocabulary: Vocabulary,
                     lang: str = "fr") -> tuple[ViewState, list[str]]:
    """Return the page's state from query parameters, and a French notice per dropped value."""
    notices: list[str] = []
    values: dict[str, object] = {}
    fields = fields_of(page)
    known = {item.name for item in fields}
    unknown = [name for name in params if name not in known and name not in STREAMLIT_PARAMS]
    if len(unknown) == 1:
        notices.append(tr("Le paramètre « {name} » de l'adresse est inconnu : il a été ignoré.",
                          lang, name=shown(unknown[0])))
    elif unknown:  # one notice for them all: a link may carry thousands
        notices.append(tr("Les paramètres {names} de l'adresse sont inconnus : ils ont été "
                          "ignorés.", lang, names=listing([shown(n) for n in unknown], lang=lang)))
    for item in fields:
        raw = [value for value in params.get(item.name, []) if value != ""]
        values[item.name] = _parse_field(item, raw, vocabulary, notices, lang)
    _check_period(values, notices, lang)
    return state_of(page, values), notices


def _parse_field(item: Field, raw: list[str], vocabulary: Vocabulary, notices: list[str],
                 lang: str):
    if not raw:
        return item.default
    if item.kind == "list":
        kept, dropped = [], []
        for value in dict.fromkeys(vocabulary.typed(item.vocabulary, part)
                                   for text in raw for part in text.split(",") if part):
            (kept if vocabulary.accepts(item.vocabulary, value) else dropped).append(value)
        if dropped:
            notices.append(invalid_notice(item.name, dropped, lang))
        if item.max_items is not None and len(kept) > item.max_items:
            notices.append(tr("« {name} » accepte au plus {n} valeurs : les suivantes ont été "
                              "ignorées.", lang, name=item.name, n=item.max_items))
            kept = kept[: item.max_items]
        return tuple(kept)
    value = raw[-1]
    if item.kind == "text":
        return value[:MAX_TEXT_LENGTH]
    if item.kind == "int":
        if not _INTEGER.match(value) or not vocabulary.accepts(item.vocabulary, int(value)):
            notices.append(invalid_notice(item.name, value, lang))
            return item.default
        return int(value)
    if item.kind == "flag":
        if value not in ("oui", "non"):
            notices.append(invalid_notice(item.name, value, lang))
            return item.default
        return value
    value = vocabulary.typed(item.vocabulary, value)
    if not vocabulary.accepts(item.vocabulary, value):
        notices.append(invalid_notice(item.name, value, lang))
        return item.default
    return value


def _check_period(values: dict, notices: list[str], lang: str) -> None:
    start, end = values.get("debut"), values.get("fin")
    if start is not None and end is not None and start > end:
        notices.append(tr("La période demandée commence après sa fin ({start} > {end}) : "
                          "elle a été ignorée.", lang, start=start, end=end))
        values["debut"] = values["fin"] = None


def invalid_notice(name: str, value: str | list[str], lang: str) -> str:
    """Return the notice of URL values dropped as invalid: one notice per parameter, with a
    few of the values and how many more (a link may carry thousands)."""
    if isinstance(value, list) and len(value) > 1:
        return tr("Les valeurs {values} du paramètre « {name} » ne sont pas valides : elles ont "
                  "été ignorées.", lang, values=listing([shown(v) for v in value], lang=lang),
                  name=shown(name))
    value = value[0] if isinstance(value, list) else value
    return tr("La valeur « {value} » du paramètre « {name} » n'est pas valide : elle a été "
              "ignorée.", lang, value=shown(value), name=shown(name))


def shown(text: str) -> str:
    """Return a value or name of the URL safe (Markdown shown as text) and short enough to
    repeat in a notice: notices are Markdown, their values escaped."""
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return markdown(cleaned if len(cleaned) <= 40 else cleaned[:39] + "…")


def serialise_view_state(state: ViewState) -> dict[str, str]:
    """Return the query parameters of a state, defaults omitted, lists joined by commas."""
    params: dict[str, str] = {}
    for item in fields_of(state.page):
        value = state.values.get(item.name, item.default)
        if value == item.default or value is None or value == () or value == "":
            continue
        params[item.name] = ",".join(value) if item.kind == "list" else str(value)
    return params


def default_state(page: str) -> ViewState:
    """Return the page's state with every field at its default."""
    return state_of(page, {})
