"""Building edits for request items, whatever shape they were written in."""

from __future__ import annotations

import libcst as cst

from codemod.analysis.collect import Mutation
from codemod.analysis.literals import literal_str, quote_like
from codemod.analysis.request import Item, Mapping, Request
from codemod.catalog.frameworks import EffortPlacement, framework_named
from codemod.edits import (
    AddImport,
    Edit,
    InsertItem,
    InsertStatementAfter,
    RemoveImportIfUnused,
    RemoveItem,
    RemoveStatement,
    Replace,
    code_of,
)


def removal(item: Item) -> Edit | None:
    """The edit that stops the request from sending ``item``."""
    if item.container is not None:
        return RemoveItem(item.container.node, item.node)  # type: ignore[arg-type]
    if item.mutation is not None:
        return RemoveStatement(item.mutation.statement)
    return None


def removals(items: list[Item]) -> dict[int, Edit]:
    """Edits removing ``items``, by item id; a container they empty goes as a whole.

    ``kw.update(temperature=t)`` loses the statement rather than becoming ``kw.update()``, and
    ``extra_body={"temperature": 0}`` (or LangChain's ``model_kwargs``) loses the argument rather than
    becoming ``extra_body={}``.
    """
    edits: dict[int, Edit] = {}
    by_container: dict[int, list[Item]] = {}
    for item in items:
        if item.container is not None:
            by_container.setdefault(id(item.container), []).append(item)
    for item in items:
        container = item.container
        edit = removal(item)
        if container is not None and not container.opaque and len(by_container[id(container)]) == len(container.items):
            if container.statement is not None:
                edit = RemoveStatement(container.statement)
            elif container.owner is not None and container.owner.key in ("extra_body", "model_kwargs"):
                edit = removal(container.owner)
        if edit is not None:
            edits[id(item)] = edit
    return edits


def insert_next_to(item: Item, key: str, value: cst.BaseExpression) -> Edit | None:
    """An edit that adds ``key: value`` where ``item`` is written: same dict, call, or a statement after."""
    if item.container is not None:
        return InsertItem(item.container.node, key, value, after=item.node)  # type: ignore[arg-type]
    mutation = item.mutation
    if mutation is not None and mutation.kind == "set":
        target = cst.Subscript(
            value=mutation.receiver,
            slice=[cst.SubscriptElement(cst.Index(cst.SimpleString(_quoted(key, mutation))))],
        )
        return InsertStatementAfter(mutation.statement, cst.Assign([cst.AssignTarget(target)], value))
    if mutation is not None and mutation.kind == "setdefault":
        call = cst.Call(
            func=cst.Attribute(mutation.receiver, cst.Name("setdefault")),
            args=[
                cst.Arg(cst.SimpleString(_quoted(key, mutation)), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Arg(value),
            ],
        )
        return InsertStatementAfter(mutation.statement, cst.Expr(call))
    return None


def set_nested_after(mutation: Mutation, outer: str, key: str, value: cst.BaseExpression) -> Edit:
    """``kw["output_config"]["effort"] = value`` right after the statement ``mutation``."""
    target: cst.BaseExpression = mutation.receiver
    for name in (outer, key):
        index = cst.Index(cst.SimpleString(_quoted(name, mutation)))
        target = cst.Subscript(target, [cst.SubscriptElement(index)])
    return InsertStatementAfter(mutation.statement, cst.Assign([cst.AssignTarget(target)], value))


def _quoted(key: str, mutation: Mutation) -> str:
    """``key`` quoted like the key the statement writes (``kw['thinking'] = ...`` -> ``'output_config'``)."""
    return quote_like(_key_string(mutation), key).value


def _key_string(mutation: Mutation) -> cst.SimpleString | None:
    """The string literal of the key a ``kw["k"] = v`` or ``kw.setdefault("k", v)`` statement writes."""
    statement = mutation.statement
    if mutation.kind == "set" and isinstance(statement, cst.Assign):
        target = statement.targets[0].target
        index = target.slice[0].slice if isinstance(target, cst.Subscript) and len(target.slice) == 1 else None
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            return index.value
    if mutation.kind == "setdefault" and mutation.call is not None and mutation.call.args:
        key = mutation.call.args[0].value
        return key if isinstance(key, cst.SimpleString) else None
    return None


def dict_of(style: cst.SimpleString | None, entries: list[tuple[str, cst.BaseExpression]]) -> cst.Dict:
    """``{"k": v, ...}`` on one line, its keys quoted like ``style``."""
    elements = []
    for index, (key, value) in enumerate(entries):
        comma = (
            cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            if index < len(entries) - 1
            else cst.MaybeSentinel.DEFAULT
        )
        elements.append(cst.DictElement(quote_like(style, key), value, comma=comma))
    return cst.Dict(elements)


class OutputConfigWriter:
    """The one way keys are added to a request's ``output_config`` (an effort level, a moved ``format`` or
    ``task_budget``), or the reason they cannot be.

    With no ``output_config``, a new ``output_config={...}`` goes right next to ``anchor`` (the item whose
    value moves there, or the thinking it belongs to: same call, same dict, or a
    ``kw["output_config"] = ...`` statement after ``kw["anchor"] = ...``), so that every branch that sets
    the anchor also sets its keys. With one ``output_config`` dict literal, the keys are merged into it;
    when ``anchor`` is set by a statement (maybe on one branch only), the keys are set by statements right
    after it (``kw["output_config"]["format"] = ...``), so other paths keep their ``output_config`` as it
    was. A key ``output_config`` already holds is never overwritten.
    """

    def __init__(self, request: Request, anchor: Item, style: cst.SimpleString | None = None) -> None:
        self.request = request
        self.anchor = anchor
        self.style = style
        framework = framework_named(request.method) if request.operation == "framework" else None
        self.framework = framework.name if framework is not None else ""
        # A framework may take the effort elsewhere (its own key, or inside a dict it merges into the request).
        self.placement = framework.effort if framework is not None else EffortPlacement()

    @property
    def items(self) -> list[Item]:
        return self.request.items("output_config")

    @property
    def effort_label(self) -> str:
        """How messages name the effort setting of this request (``output_config.effort``, ``anthropic_effort``)."""
        return self.placement.label

    def existing(self, key: str) -> Item | None:
        """The item of ``key`` in the ``output_config`` the request already sends, if any."""
        if self.placement.flat_key:
            return self.request.items(self.placement.flat_key)[0] if key == "effort" and self.request.items(self.placement.flat_key) else None
        for item in self.items:
            mapping = item.value.mapping
            if mapping is not None and key in mapping.items:
                return mapping.items[key]
        return None

    def blocker(self, keys: tuple[str, ...] = ()) -> str | None:
        """Why ``keys`` cannot be added statically, or None."""
        placement = self.placement
        if not placement.supported:
            return f"{self.framework} takes no effort level (codemod/catalog/frameworks.toml says why): set it the framework's own way, or send this request with the SDK"
        if placement.flat_key:
            other = [key for key in keys if key != "effort"]
            if other:
                return f"{self.framework} has no setting for output_config.{other[0]}"
            if self.request.items(placement.flat_key):
                return f"{placement.flat_key} is already set"
            return self._next_to_anchor_blocker(placement.flat_key)
        items = self.items
        if not items:
            if self.request.opaque:
                return "the request also takes parts built at run time, which may already hold output_config"
            if placement.home:
                holder = self.request.params.get(placement.home)
                if holder is not None:
                    return self._home_blocker(holder)
                return self._next_to_anchor_blocker(placement.home)
            return self._next_to_anchor_blocker("output_config")
        anchor = self.anchor
        if len(items) > 1:
            return "output_config is set in several places"
        item = items[0]
        mapping = item.value.mapping
        if mapping is None:
            return f"output_config={code_of(item.value.site)} is not a dict literal"
        if mapping.opaque:
            return "output_config has keys that are not known statically"
        if not mapping.editable or not item.editable:
            return "output_config is also used by other code"
        for key in keys:
            if key in mapping.items:
                return f'output_config already has a "{key}"'
        if item.container is None:
            return "output_config is set by a statement, maybe on one branch only"
        mutation = anchor.mutation
        if mutation is not None:
            if mutation.kind != "set":
                return f"{anchor.key} is set by a statement output_config cannot be extended next to"
            holder = item.container.source
            if item.value.bindings or holder is None or not holder.bindings or not any(
                guard is holder.bindings[-1] for guard in anchor.guards
            ):
                # ``kw["output_config"]["k"] = v`` changes the dict object itself: only safe when that dict is
                # written in the dict literal the statement fills, not held in a name others may use too.
                return "output_config is not written in the dict the statement fills"
        return None

    def _next_to_anchor_blocker(self, key: str) -> str | None:
        """Why ``key`` cannot be added where the anchor is written, or None."""
        anchor = self.anchor
        if not anchor.editable:
            return f"the dict that holds {anchor.key} is also used by other code"
        if anchor.alternative:
            return f"{anchor.key} is chosen on several paths: {key} added at the call would be sent on all of them"
        if insert_next_to(anchor, key, cst.Dict([])) is None:
            return f"{anchor.key} is set by a statement {key} cannot be added next to"
        return None

    def _home_blocker(self, holder: Item) -> str | None:
        """Why output_config cannot be added to the dict argument ``holder`` (``additional_kwargs={...}``)."""
        mapping = holder.value.mapping
        if mapping is None or mapping.opaque or holder.value.alternatives:
            return f"{holder.key} is not a dict literal the tool can extend"
        if not mapping.editable or not holder.editable:
            return f"{holder.key} is also used by other code"
        return None

    def edits(self, entries: list[tuple[str, cst.BaseExpression]]) -> tuple[Edit, ...]:
        """The edits adding ``entries`` (the first of a repeated key wins); call ``blocker`` first."""
        entries = list({key: value for key, value in reversed(entries)}.items())[::-1]
        if not entries:
            return ()
        placement = self.placement
        if placement.flat_key:
            value = dict(entries).get("effort")
            edit = insert_next_to(self.anchor, placement.flat_key, value) if value is not None else None
            return (edit,) if edit is not None else ()
        items = self.items
        if not items and placement.home:
            holder = self.request.params.get(placement.home)
            config = dict_of(self.style, entries)
            if holder is None:
                edit = insert_next_to(self.anchor, placement.home, dict_of(self.style, [("output_config", config)]))
                return (edit,) if edit is not None else ()
            mapping = holder.value.mapping
            assert mapping is not None
            last = list(mapping.items.values())[-1].node if mapping.items else None
            return (InsertItem(mapping.node, "output_config", config, after=last),)  # type: ignore[arg-type]
        if not items:
            edit = insert_next_to(self.anchor, "output_config", dict_of(self.style, entries))
            return (edit,) if edit is not None else ()
        mapping = items[0].value.mapping
        assert mapping is not None
        mutation = self.anchor.mutation
        if mutation is not None:
            return tuple(set_nested_after(mutation, "output_config", key, value) for key, value in entries)
        last = list(mapping.items.values())[-1].node if mapping.items else None
        return tuple(InsertItem(mapping.node, key, value, after=last) for key, value in entries)  # type: ignore[arg-type]


# Beta headers -------------------------------------------------------------------------------------------
# ``betas=[...]`` exists only on ``client.beta.messages.*`` (api-facts.md §5.3); a header can also travel in
# ``extra_headers={"anthropic-beta": "a,b"}``.


def _listed(expr: cst.BaseExpression) -> tuple[set[str], bool]:
    """The string literals of a list/tuple literal, and whether every element is one."""
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return set(), False
    found: set[str] = set()
    complete = True
    for element in expr.elements:
        text = literal_str(element.value) if isinstance(element, cst.Element) else None
        if text is None:
            complete = False
        else:
            found.add(text)
    return found, complete


def sends_beta_header(request: Request, header: str) -> bool | None:
    """Whether the request sends the beta header ``header``: True, False, or None when unknowable.

    Looks at ``betas=[...]`` (of the request, or of the ``batches.create`` call for a batch entry) and at
    ``extra_headers={"anthropic-beta": "..."}``. Unknowable: a ``betas`` that is not a list literal, a
    header value that is not a literal, or parts of the request built at run time.
    """
    unknown = bool(request.opaque)
    betas: list[cst.BaseExpression] = [item.value.expr for item in request.items("betas")]
    if request.operation == "batch":
        for arg in request.call.args:
            if arg.keyword is not None and arg.keyword.value == "betas":
                betas.append(arg.value)
            elif arg.star:
                unknown = True
    for expr in betas:
        found, complete = _listed(expr)
        if header in found:
            return True
        unknown = unknown or not complete
    for item in request.items("extra_headers"):
        mapping = item.value.mapping
        if mapping is None or mapping.opaque:
            unknown = True
            continue
        for key, entry in mapping.items.items():
            if key.lower() != "anthropic-beta":
                continue
            text = literal_str(entry.value.expr)
            if text is None:
                unknown = True
            elif header in [part.strip() for part in text.split(",")]:
                return True
    return None if unknown else False


def beta_list_blocker(request: Request) -> str | None:
    """Why a beta header cannot be added to the request's ``betas`` statically, or None."""
    if not request.beta or request.operation in ("batch", "framework"):
        return "beta headers are set with betas=[...] on client.beta.messages calls only"
    betas = request.items("betas")
    if not betas:
        return "the request takes parts built at run time, which may hold betas" if request.opaque else None
    if len(betas) > 1 or not isinstance(betas[0].value.expr, cst.List) or not betas[0].value.editable:
        return "betas is not a single list literal"
    return None


def add_beta_header(request: Request, header: str, style: cst.SimpleString | None) -> list[Edit]:
    """Edits adding ``header`` to the request's ``betas`` list literal, or a new ``betas=[...]`` argument.

    Call ``beta_list_blocker`` first: this assumes it returned None.
    """
    betas = request.item("betas")
    value = quote_like(style, header)
    if betas is None:
        return [InsertItem(request.params.node, "betas", cst.List([cst.Element(value)]))]
    found, _ = _listed(betas.value.expr)
    if header in found:
        return []
    return [InsertItem(betas.value.expr, None, value)]  # type: ignore[arg-type]
_TYPED_NAMES = {"enabled": "Enabled", "adaptive": "Adaptive", "disabled": "Disabled", "between_tools": "BetweenTools"}


def typed_rename(mapping: Mapping, old: str = "enabled", new: str = "adaptive") -> list[Edit]:
    """``ThinkingConfigEnabledParam(...)`` -> ``ThinkingConfigAdaptiveParam(...)``, imports included.

    The same for any pair of thinking types (``Disabled`` -> ``BetweenTools``); nothing for a type
    without its own TypedDict (``"none"``).
    """
    if mapping.typed is None or not isinstance(mapping.node, cst.Call):
        return []
    if old not in _TYPED_NAMES or new not in _TYPED_NAMES:
        return []
    module, _, name = mapping.typed.rpartition(".")
    suffix = f"ThinkingConfig{_TYPED_NAMES[old]}Param"
    if not name.endswith(suffix):
        return []
    new_name = name[: -len(suffix)] + f"ThinkingConfig{_TYPED_NAMES[new]}Param"
    func = mapping.node.func
    if isinstance(func, cst.Attribute) and func.attr.value == name:
        return [Replace(func.attr, cst.Name(new_name))]
    if isinstance(func, cst.Name) and func.value == name:
        public = "anthropic.types.beta" if name.startswith("Beta") else "anthropic.types"
        return [Replace(func, cst.Name(new_name)), AddImport(public, new_name), RemoveImportIfUnused(module, name)]
    return []  # imported under an alias: the dict it builds is right; the name is left to the user


def rename_key(item: Item, new: str) -> tuple[Edit, ...]:
    """The edits that send ``item`` under the key ``new``, however it is written: a keyword argument (of the
    call or of ``dict(...)``), a dict literal's key, ``kw["k"] = v`` or ``kw.setdefault("k", v)``.

    Empty when the key cannot be renamed where it is written (a key built at run time, a dict others use).
    """
    if not item.editable:
        return ()
    node = item.node
    if isinstance(node, cst.Arg) and node.keyword is not None:
        return (Replace(node.keyword, cst.Name(new)),)
    if isinstance(node, cst.DictElement) and isinstance(node.key, cst.SimpleString):
        return (Replace(node.key, quote_like(node.key, new)),)
    key = _key_string(item.mutation) if item.mutation is not None else None
    return (Replace(key, quote_like(key, new)),) if key is not None else ()
