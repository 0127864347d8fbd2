"""What a page showed, recorded from its AppTest tree, and shown again with no data work.

The floor of a page (issue 6: "a page with the same widgets and no data work") replays what
`record` read off the real page's run with the same selection: the same kinds of widget,
labels, options (as displayed) and current values, in the sidebar or the body, in the same
columns and tabs; no figure, table, metric, text or query. Recording every run keeps the
floor in step with the pages as they change, with no hand-kept copy of their widgets.

`record(app, elements=True)` also keeps what the page displayed (texts, metrics with their
sparklines, tables as Arrow, Plotly figures as their JSON): replayed, that is what Streamlit
and Plotly alone cost to show exactly the page's content, a diagnostic beside the floor.
"""

from __future__ import annotations

import base64
import json

WIDGETS = ("selectbox", "multiselect", "radio", "button_group", "text_input", "checkbox",
           "toggle", "button", "download_button")
TEXTS = {"markdown": "markdown", "caption": "caption", "title": "title", "header": "header",
         "subheader": "subheader", "warning": "warning", "info": "info", "error": "error",
         "success": "success", "html": "html"}
CHART_TYPES = ("line", "bar", "area")


def selection_key(params: dict) -> str:
    """Return the key under which a run's record is kept: its URL parameters, sorted."""
    return json.dumps({name: params[name] for name in sorted(params)}, ensure_ascii=False)


def record(app, elements: bool = False) -> list[dict]:
    """Return the widgets (and with `elements` what was displayed) of an AppTest run, in order."""
    return [*_children(app.sidebar, "sidebar", elements), *_children(app.main, "main", elements)]


def _children(block, container: str, elements: bool) -> list[dict]:
    children = list(getattr(block, "children", {}).values())
    kinds = {getattr(child, "type", None) for child in children}
    if children and kinds <= {"column"}:
        columns = [_children(child, container, elements) for child in children]
        return [{"kind": "columns", "container": container, "weights": [
            child.weight for child in children], "columns": columns}] if any(columns) else []
    if children and kinds <= {"tab"}:
        # Tabs stay even without widgets inside: the tab switch is itself a widget.
        return [{"kind": "tabs", "container": container, "labels": [tab.label for tab in children],
                 "tabs": [_children(child, container, elements) for child in children]}]
    specs = []
    for child in children:
        if hasattr(child, "children"):
            specs += _children(child, container, elements)
        elif child.type in WIDGETS:
            specs.append(_widget_spec(child, container))
        elif hasattr(child, "_widget_state"):
            raise ValueError(f"the floor cannot show a {child.type} widget yet: add it to "
                             "benchmarks/recorded_widgets.py")
        elif elements:
            specs += _element_spec(child, container)
    return specs


def _widget_spec(widget, container: str) -> dict:
    kind, proto = widget.type, widget.proto
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


def _element_spec(element, container: str) -> list[dict]:
    kind, proto = element.type, element.proto
    if kind in TEXTS:
        return [{"kind": kind, "container": container, "body": proto.body}]
    if kind == "metric":
        return [{"kind": kind, "container": container, "label": proto.label, "body": proto.body,
                 "delta": proto.delta or None, "help": proto.help or None,
                 "border": proto.show_border, "chart_data": list(proto.chart_data) or None,
                 "chart_type": CHART_TYPES[proto.chart_type]}]
    if kind == "dataframe":
        return [{"kind": kind, "container": container,
                 "arrow": base64.b64encode(proto.arrow_data.data).decode("ascii")}]
    if kind == "plotly_chart":
        return [{"kind": kind, "container": container, "spec": proto.spec,
                 "config": proto.config}]
    if kind == "code":
        return [{"kind": kind, "container": container, "body": proto.code_text}]
    if kind == "empty":
        return []
    raise ValueError(f"the elements floor cannot show a {kind} element yet: add it to "
                     "benchmarks/recorded_widgets.py")


def show(st, specs: list[dict], where=None, prefix: str = "floor") -> None:
    """Show `specs` with the Streamlit module `st` (the floor script's only work)."""
    for number, spec in enumerate(specs):
        place = where or (st.sidebar if spec["container"] == "sidebar" else st)
        key = f"{prefix}.{number}"
        kind = spec["kind"]
        if kind == "columns":
            for index, (column, inside) in enumerate(
                    zip(place.columns(spec["weights"]), spec["columns"], strict=True)):
                show(st, inside, column, f"{key}.{index}")
        elif kind == "tabs":
            for index, (tab, inside) in enumerate(
                    zip(place.tabs(spec["labels"]), spec["tabs"], strict=True)):
                show(st, inside, tab, f"{key}.{index}")
        elif kind in WIDGETS:
            _show_widget(place, spec, key)
        else:
            _show_element(place, spec)


def _show_widget(place, spec: dict, key: str) -> None:
    kind = spec["kind"]
    if kind == "selectbox":
        place.selectbox(spec["label"], spec["options"], index=spec["index"], key=key)
    elif kind == "radio":
        place.radio(spec["label"], spec["options"], index=spec["index"], key=key)
    elif kind == "multiselect":
        place.multiselect(spec["label"], spec["options"], key=key,
                          default=[spec["options"][index] for index in spec["indices"]])
    elif kind == "button_group":
        chosen = [spec["options"][index] for index in spec["indices"]]
        make = place.pills if spec["pills"] else place.segmented_control
        make(spec["label"], spec["options"], selection_mode="multi" if spec["multi"] else "single",
             default=chosen if spec["multi"] else (chosen[0] if chosen else None), key=key)
    elif kind == "text_input":
        place.text_input(spec["label"], spec["value"], key=key)
    elif kind == "checkbox":
        place.checkbox(spec["label"], spec["value"], key=key)
    elif kind == "toggle":
        place.toggle(spec["label"], spec["value"], key=key)
    elif kind == "button":
        place.button(spec["label"], key=key)
    elif kind == "download_button":
        place.download_button(spec["label"], b"", key=key)


def _show_element(place, spec: dict) -> None:
    kind = spec["kind"]
    if kind in TEXTS:
        getattr(place, TEXTS[kind])(spec["body"])
    elif kind == "code":
        place.code(spec["body"])
    elif kind == "metric":
        place.metric(spec["label"], spec["body"], spec["delta"], help=spec["help"],
                     border=spec["border"], chart_data=spec["chart_data"],
                     chart_type=spec["chart_type"])
    elif kind == "dataframe":
        place.dataframe(spec["table"])
    elif kind == "plotly_chart":
        # A Figure, as pages pass: a dict would be drawn with another default template.
        import plotly.graph_objects as go

        place.plotly_chart(go.Figure(json.loads(spec["spec"])),
                           config=json.loads(spec["config"] or "{}"))


def decode_tables(specs: list[dict]) -> list[dict]:
    """Return `specs` with each recorded table decoded once (Arrow), ready for `show`."""
    import pyarrow as pa

    decoded = []
    for spec in specs:
        spec = dict(spec)
        if spec["kind"] == "dataframe":
            spec["table"] = pa.ipc.open_stream(base64.b64decode(spec.pop("arrow"))).read_all()
        for nested in ("columns", "tabs"):
            if nested in spec:
                spec[nested] = [decode_tables(inside) for inside in spec[nested]]
        decoded.append(spec)
    return decoded
