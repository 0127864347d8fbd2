"""The widgets a page showed, recorded from its AppTest tree, and shown again with no data work.

The floor of a page (issue 6: "a page with the same widgets and no data work") replays what
`record` read off the real page's run with the same selection: the same kinds of widget,
labels, options (as displayed) and current values, in the sidebar or the body, the same tabs.
Nothing else: no figure, table, metric or query. Recording every run keeps the floor in step
with the pages as they change, with no hand-kept copy of their widgets.
"""

from __future__ import annotations

import json

# The kinds our pages use, and the few others a page may add; anything else stops the
# recording rather than leave a widget out of the floor.
KINDS = ("selectbox", "multiselect", "radio", "button_group", "text_input", "checkbox",
         "toggle", "button", "download_button")


def selection_key(params: dict) -> str:
    """Return the key under which a run's widgets are kept: its URL parameters, sorted."""
    return json.dumps({name: params[name] for name in sorted(params)}, ensure_ascii=False)


def record(app) -> list[dict]:
    """Return the widgets and tabs of an AppTest run, sidebar first, in page order."""
    specs: list[dict] = []
    _walk(app.sidebar, "sidebar", specs)
    _walk(app.main, "main", specs)
    return specs


def _walk(block, container: str, specs: list[dict]) -> None:
    children = list(getattr(block, "children", {}).values())
    tabs = [child for child in children if getattr(child, "type", None) == "tab"]
    if tabs:
        specs.append({"kind": "tabs", "container": container,
                      "labels": [tab.label for tab in tabs]})
    for child in children:
        if hasattr(child, "children"):
            _walk(child, container, specs)
        elif hasattr(child, "_widget_state"):
            specs.append(_widget_spec(child, container))


def _widget_spec(widget, container: str) -> dict:
    kind, proto = widget.type, widget.proto
    if kind not in KINDS:
        raise ValueError(f"the floor cannot show a {kind} widget yet: add it to bench/widgets.py")
    spec = {"kind": kind, "container": container, "label": proto.label}
    if kind in ("selectbox", "radio"):
        spec |= {"options": list(proto.options), "index": widget.index}
    elif kind == "multiselect":
        spec |= {"options": list(proto.options), "indices": list(widget.indices)}
    elif kind == "button_group":
        spec |= {"options": list(widget.options), "indices": list(widget.indices),
                 "pills": proto.style == proto.Style.PILLS,
                 "multi": proto.click_mode == proto.ClickMode.MULTI_SELECT}
    elif kind == "text_input":
        spec["value"] = widget.value or ""
    elif kind in ("checkbox", "toggle"):
        spec["value"] = bool(widget.value)
    return spec


def show(st, specs: list[dict]) -> None:
    """Show `specs` with the Streamlit module `st` (the floor script's only work)."""
    for number, spec in enumerate(specs):
        where = st.sidebar if spec["container"] == "sidebar" else st
        key = f"floor.{number}"
        kind = spec["kind"]
        if kind == "tabs":
            where.tabs(spec["labels"])
        elif kind == "selectbox":
            where.selectbox(spec["label"], spec["options"], index=spec["index"], key=key)
        elif kind == "radio":
            where.radio(spec["label"], spec["options"], index=spec["index"], key=key)
        elif kind == "multiselect":
            where.multiselect(spec["label"], spec["options"], key=key,
                              default=[spec["options"][index] for index in spec["indices"]])
        elif kind == "button_group":
            chosen = [spec["options"][index] for index in spec["indices"]]
            make = where.pills if spec["pills"] else where.segmented_control
            make(spec["label"], spec["options"], selection_mode="multi" if spec["multi"] else "single",
                 default=chosen if spec["multi"] else (chosen[0] if chosen else None), key=key)
        elif kind == "text_input":
            where.text_input(spec["label"], spec["value"], key=key)
        elif kind == "checkbox":
            where.checkbox(spec["label"], spec["value"], key=key)
        elif kind == "toggle":
            where.toggle(spec["label"], spec["value"], key=key)
        elif kind == "button":
            where.button(spec["label"], key=key)
        elif kind == "download_button":
            where.download_button(spec["label"], b"", key=key)
