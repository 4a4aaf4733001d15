"""Resolving the values a request sends, without running code.

A value is followed through names bound exactly once (a module or function variable, a parameter
default, a class constant read as ``self.NAME``), into dict literals and ``dict(...)``-like calls
(``dict``, the SDK's TypedDicts), into helper functions of the module that return a dict, and
through the statements that fill a dict held in a name (``kw["k"] = v``, ``kw.update(...)``,
``kw.setdefault(...)``). Whether a fix may edit what it finds is settled once every request is
known: a binding is editable only when every use of it is part of a recognised request.
"""

from __future__ import annotations

import libcst as cst

from codemod.analysis.collect import Mutation
from codemod.analysis.literals import literal_str
from codemod.analysis.request import Binding, Item, Mapping, Value
from codemod.analysis.resolve import ModuleIndex
from codemod.analysis.scopes import Assignment, ClassScope
from codemod.catalog.frameworks import settings_types

Context = tuple[cst.ClassDef | None, str | None]  # the class and ``self`` name of the code at hand
NO_CONTEXT: Context = (None, None)
_MAX_DEPTH = 6
_MAX_ALTERNATIVES = 6  # assignments of one name followed as alternatives


def _own(item: Item) -> None:
    if item.value.mapping is not None:
        item.value.mapping.owner = item


def _guard(value: Value, binding: Binding) -> None:
    """Make editing ``value`` (and what it contains) depend on ``binding`` being editable too."""
    if any(b is binding for b in value.guards):
        return
    value.guards = (*value.guards, binding)
    if value.mapping is not None:
        for item in value.mapping.items.values():
            _guard(item.value, binding)


def _guard_item(item: Item, binding: Binding) -> None:
    """Editing or removing ``item`` also needs ``binding`` (the helper, the dict's name) editable."""
    _guard(item.value, binding)
    if item.container is not None and item.container.source is not None:
        _guard(item.container.source, binding)
    if item.mutation is not None and not any(g is binding for g in item.guards):
        item.guards = (*item.guards, binding)


class ValueResolver:
    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self.collector = index.collector
        self._bindings: dict[int, Binding] = {}
        # Every value a request sends, with its key: which loads of a binding are request values.
        self.values: list[tuple[str, Value]] = []
        # Loads of a binding that are receivers of statements building its value (``kw["k"] = v``).
        self.builders: set[int] = set()
        self._resolving: set[int] = set()

    # Following names ------------------------------------------------------------------------
    def _binding(self, target: cst.CSTNode, name: str, loads: list[cst.CSTNode]) -> Binding:
        binding = self._bindings.get(id(target))
        if binding is None:
            binding = Binding(name, target, loads)
            self._bindings[id(target)] = binding
        return binding

    def _follow_name(self, node: cst.Name, key: str) -> tuple[Binding, cst.BaseExpression] | None:
        assignment = self.index.single_assignment(node)
        if assignment is None or isinstance(assignment.scope, ClassScope):
            return None
        loads = [access.node for access in assignment.references]
        if isinstance(assignment.node, cst.Param):  # def ask(model="claude-opus-4-6")
            # Only a model default is followed: rewriting it moves the default and nothing else.
            # Any other default (a budget, a temperature) says nothing of what callers pass.
            default = assignment.node.default
            if default is None or key != "model":
                return None
            binding = self._binding(assignment.node.name, node.value, loads)
            binding.parameter_default = True
            return binding, default
        if not isinstance(assignment.node, cst.Name):
            return None
        value = self.collector.assigned.get(id(assignment.node))
        if value is None:
            return None
        return self._binding(assignment.node, node.value, loads), value

    def _follow_attribute(self, node: cst.Attribute, context: Context) -> tuple[Binding, cst.BaseExpression] | None:
        """``self.MODEL`` where the class assigns MODEL exactly once (class body or a method)."""
        class_node, self_name = context
        if class_node is None or not (isinstance(node.value, cst.Name) and node.value.value == self_name):
            return None
        info = self.collector.classes[id(class_node)]
        values = info.attr_values.get(node.attr.value, [])
        if len(values) != 1 or values[0] is None:
            return None
        loads: list[cst.CSTNode] = list(info.attr_loads.get(node.attr.value, []))
        return self._binding(values[0], f"self.{node.attr.value}", loads), values[0]

    def overrides(self, site: cst.BaseExpression, context: Context, key: str) -> list[Value]:
        """Values a subclass in this module gives ``self.X`` (``class Triage(Agent): MODEL = ...``)."""
        class_node, self_name = context
        if class_node is None or not (
            isinstance(site, cst.Attribute) and isinstance(site.value, cst.Name) and site.value.value == self_name
        ):
            return []
        found: list[Value] = []
        pending, seen = [class_node.name.value], set()
        while pending:
            base = pending.pop()
            for info in self.collector.classes.values():
                if base not in info.bases or info.node is None or id(info.node) in seen:
                    continue
                seen.add(id(info.node))
                pending.append(info.node.name.value)
                values = info.attr_values.get(site.attr.value, [])
                if len(values) == 1 and values[0] is not None:
                    loads: list[cst.CSTNode] = list(info.attr_loads.get(site.attr.value, []))
                    binding = self._binding(values[0], f"{info.node.name.value}.{site.attr.value}", loads)
                    value = Value(site, values[0], (binding,))
                    self.values.append((key, value))
                    found.append(value)
        return found

    def value(self, key: str, site: cst.BaseExpression, context: Context = NO_CONTEXT) -> Value:
        """The value written at ``site``, followed to where it is defined, with its mapping."""
        expr, bindings = site, []
        for _ in range(_MAX_DEPTH):
            if isinstance(expr, cst.Name):
                found = self._follow_name(expr, key)
            elif isinstance(expr, cst.Attribute):
                found = self._follow_attribute(expr, context)
            else:
                break
            if found is None or any(found[0] is b for b in bindings):
                break
            bindings.append(found[0])
            expr = found[1]
        value = Value(site, expr, tuple(bindings))
        self.values.append((key, value))
        if id(expr) not in self._resolving:  # a name bound to a dict that contains itself
            self._resolving.add(id(expr))
            value.mapping = self._mapping(value, context)
            if isinstance(expr, cst.Name) and not bindings:
                value.alternatives = self._alternatives(key, site, expr, context)
            self._resolving.discard(id(expr))
        return value

    def _alternatives(self, key: str, site: cst.BaseExpression, name: cst.Name, context: Context) -> tuple[Value, ...]:
        """The values of a name assigned several times in one function or module (``extra_body = {}`` then,
        on a branch, ``extra_body = {"thinking": ...}``): one value per assignment, or none when any of them
        is not a plain assignment of that scope."""
        referents = self.index.referents(name)
        if not 2 <= len(referents) <= _MAX_ALTERNATIVES:
            return ()
        found: list[tuple[Assignment, cst.BaseExpression]] = []
        for referent in referents:
            value = self.collector.assigned.get(id(referent.node)) if isinstance(referent, Assignment) else None
            if value is None or not isinstance(referent.node, cst.Name) or isinstance(referent.scope, ClassScope):
                return ()
            found.append((referent, value))
        if len({id(assignment.scope) for assignment, _ in found}) != 1:
            return ()
        alternatives = []
        for assignment, expr in sorted(found, key=lambda pair: pair[0].index):
            loads = [access.node for access in assignment.references]
            binding = self._binding(assignment.node, name.value, loads)
            alternative = Value(site, expr, (binding,))
            self.values.append((key, alternative))
            alternative.mapping = self._mapping(alternative, context)
            alternatives.append(alternative)
        return tuple(alternatives)

    # Mappings -------------------------------------------------------------------------------
    def _is_dict_like(self, call: cst.Call) -> bool:
        """``dict(...)``, an SDK TypedDict (``ThinkingConfigEnabledParam(...)``, ``Request(...)``) or a framework's
        settings TypedDict (pydantic-ai's ``AnthropicModelSettings(...)``)."""
        names = self.index.qualified_names(call.func)
        return (
            "builtins.dict" in names
            or any(n.startswith("anthropic.types.") for n in names)
            or not names.isdisjoint(settings_types())
        )

    def typed_dict_name(self, call: cst.Call) -> str | None:
        for name in self.index.qualified_names(call.func):
            if name.startswith("anthropic.types."):
                return name
        return None

    def _mapping(self, value: Value, context: Context) -> Mapping | None:
        expr = value.expr
        if isinstance(expr, cst.Dict):
            result = Mapping(expr, {}, source=value)
            for element in expr.elements:
                key = literal_str(element.key) if isinstance(element, cst.DictElement) else None
                if key is None or key in result.items:
                    result.opaque.append(element)
                else:
                    result.items[key] = Item(key, element, self.value(key, element.value, context), container=result)
                    _own(result.items[key])
            return result
        if isinstance(expr, cst.Call) and self._is_dict_like(expr):
            return self.call_mapping(expr, value, context)
        return None

    def call_mapping(self, call: cst.Call, source: Value | None, context: Context) -> Mapping:
        result = Mapping(call, {}, source=source, typed=self.typed_dict_name(call) if source else None)
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value in result.items:
                result.opaque.append(arg)
            else:
                key = arg.keyword.value
                result.items[key] = Item(key, arg, self.value(key, arg.value, context), container=result)
                _own(result.items[key])
        return result

    # Spreads (``**x``) ------------------------------------------------------------------------
    def spread(self, site: cst.BaseExpression, context: Context, depth: int = 0) -> tuple[list[Item], list[cst.CSTNode]]:
        """The items a ``**site`` spread may send, and the parts that cannot be known."""
        if isinstance(site, cst.Call) and not self._is_dict_like(site):
            return self._helper_spread(site, context, depth)
        value = self.value("**", site, context)
        if value.alternatives:
            if any(alternative.mapping is None for alternative in value.alternatives):
                return [], [site]
            items, opaque = [], []
            for alternative in value.alternatives:
                found, unknown = self._with_merges(alternative.mapping, context, depth)  # type: ignore[arg-type]
                items.extend(found)
                opaque.extend(unknown)
            return items, opaque
        if value.mapping is not None:
            items, opaque = self._with_merges(value.mapping, context, depth)
        elif isinstance(value.expr, cst.Call) and value.bindings and depth < _MAX_DEPTH:
            # params = self._base_params(), then filled by statements: the helper's dict is sent.
            items, opaque = self._helper_spread(value.expr, context, depth + 1)
            if not items and opaque:
                return [], [site]  # nothing known: report where the dict is sent
            for item in items:
                for binding in value.bindings:
                    _guard_item(item, binding)
        else:
            return [], [site]
        if value.bindings and isinstance(value.bindings[-1].target, cst.Name):
            built, unknown = self._built_by_statements(value.bindings[-1], value, context)
            items.extend(built)
            opaque.extend(unknown)
        return items, opaque

    def _with_merges(self, mapping: Mapping, context: Context, depth: int) -> tuple[list[Item], list[cst.CSTNode]]:
        """A mapping's items plus those of the dicts merged into it; what stays unknown."""
        items = list(mapping.items.values())
        opaque: list[cst.CSTNode] = []
        for node in mapping.opaque:
            inner = self._merged_spread(node, context, depth)
            if inner is None:
                opaque.append(node)
            else:
                items.extend(inner[0])
                opaque.extend(inner[1])
        return items, opaque

    def _merged_spread(self, node: cst.CSTNode, context: Context, depth: int) -> tuple[list[Item], list[cst.CSTNode]] | None:
        """``{**base, "k": v}`` or ``dict(base, k=v)``: the items of ``base`` when it resolves."""
        if depth >= _MAX_DEPTH:
            return None
        if isinstance(node, cst.StarredDictElement) or isinstance(node, cst.Arg) and node.keyword is None and node.star in ("", "**"):
            inner = node.value
        else:
            return None
        items, opaque = self.spread(inner, context, depth + 1)
        if not items and opaque == [inner]:
            return None
        return items, opaque

    def _helper_spread(self, call: cst.Call, context: Context, depth: int) -> tuple[list[Item], list[cst.CSTNode]]:
        """``**self._params()`` / ``**build_kwargs(...)``: a module function returning one dict."""
        function = self.index.function_of(call.func, *context)
        returns = self.collector.returns.get(id(function), []) if function is not None else []
        if function is None or len(returns) != 1 or returns[0].value is None or depth >= _MAX_DEPTH:
            return [], [call]
        loads = self._helper_loads(call.func, function, context)
        binding = self._binding(function, function.name.value, loads)
        self.values.append(("**", Value(call, call, (binding,))))
        inner_context = self.index.method_context(function)
        items, opaque = self.spread(returns[0].value, inner_context, depth + 1)
        for item in items:
            _guard_item(item, binding)
        return items, opaque

    def _helper_loads(self, func: cst.BaseExpression, function: cst.FunctionDef, context: Context) -> list[cst.CSTNode]:
        """Every use of the helper, as the call it is made in (or the bare reference)."""
        if isinstance(func, cst.Name):
            assignment = self.index.single_assignment(func)
            references = [a.node for a in assignment.references] if assignment else []
        else:
            # ``self.<method>`` read in the class that defines the method or in any class inheriting it.
            owner = self.collector.method_owner.get(id(function))
            family = self.index.class_family(owner) if owner is not None else []
            references = [load for cls in family for load in self.collector.classes[id(cls)].attr_loads.get(function.name.value, [])]
        return [self.collector.call_of_func.get(id(ref), ref) for ref in references]

    def _built_by_statements(self, binding: Binding, value: Value, context: Context) -> tuple[list[Item], list[cst.CSTNode]]:
        """Keys added to the dict by ``kw["k"] = v``, ``kw.update(...)`` and ``kw.setdefault(...)``."""
        items: list[Item] = []
        opaque: list[cst.CSTNode] = []
        for load in binding.loads:
            mutation = self.collector.mutations.get(id(load))
            if mutation is None:
                continue
            self.builders.add(id(load))
            found, unknown = self._mutation_items(mutation, binding, value, context)
            items.extend(found)
            opaque.extend(unknown)
        return items, opaque

    def _mutation_items(self, mutation: Mutation, binding: Binding, value: Value, context: Context) -> tuple[list[Item], list[cst.CSTNode]]:
        if mutation.kind == "set" and mutation.key is not None and mutation.value is not None:
            item_value = self.value(mutation.key, mutation.value, context)
            _guard(item_value, binding)
            return [Item(mutation.key, mutation.statement, item_value, mutation=mutation, guards=(binding,))], []
        call = mutation.call
        assert call is not None
        if mutation.kind == "setdefault":
            args = call.args
            key = literal_str(args[0].value) if args and args[0].keyword is None else None
            if key is None or len(args) != 2:
                return [], [call]
            item_value = self.value(key, args[1].value, context)
            _guard(item_value, binding)
            return [Item(key, mutation.statement, item_value, mutation=mutation, guards=(binding,))], []
        if mutation.kind == "update":
            mapping = self.call_mapping(call, value, context)
            mapping.statement = mutation.statement
            return self._with_merges(mapping, context, 0)
        return [], []  # "append": a list, not a dict

    # Lists built by statements (batch requests) -----------------------------------------------
    def list_elements(self, site: cst.BaseExpression, context: Context) -> tuple[list[cst.BaseExpression], list[cst.CSTNode]]:
        """The element expressions of a list literal, comprehension or list built by ``append``."""
        value = self.value("requests", site, context)
        expr = value.expr
        if isinstance(expr, (cst.List, cst.Tuple)):
            elements: list[cst.BaseExpression] = []
            opaque: list[cst.CSTNode] = []
            for element in expr.elements:
                (elements if isinstance(element, cst.Element) else opaque).append(
                    element.value if isinstance(element, cst.Element) else element
                )
            if value.bindings and isinstance(value.bindings[-1].target, cst.Name):
                for load in value.bindings[-1].loads:
                    mutation = self.collector.mutations.get(id(load))
                    if mutation is not None and mutation.kind == "append" and mutation.call is not None:
                        self.builders.add(id(load))
                        args = mutation.call.args
                        if len(args) == 1 and args[0].keyword is None and not args[0].star:
                            elements.append(args[0].value)
                        else:
                            opaque.append(mutation.call)
            return elements, opaque
        if isinstance(expr, (cst.ListComp, cst.GeneratorExp)):
            return [expr.elt], []
        return [], [site]

    # Settling -------------------------------------------------------------------------------
    def forget_since(self, mark: int) -> None:
        """Drop the values recorded for a call that turned out not to be an Anthropic call."""
        del self.values[mark:]

    def settle(self) -> None:
        """Mark each binding editable when every load is a same-key request value or a builder."""
        sites: dict[int, tuple[set[str], set[int]]] = {}
        for key, value in self.values:
            for binding in value.bindings:
                keys, ids = sites.setdefault(id(binding), (set(), set()))
                keys.add(key)
                ids.add(id(value.site))
        for binding in self._bindings.values():
            keys, ids = sites.get(id(binding), (set(), set()))
            binding.editable = len(keys) == 1 and all(
                id(load) in ids or id(load) in self.builders for load in binding.loads
            )
