"""Python name binding, computed during the collector's single traversal.

What libcst's ``ScopeProvider`` and ``QualifiedNameProvider`` answer, for the questions the analysis
asks: which assignments a name load may refer to, which loads an assignment reaches, what dotted
name (``anthropic.Anthropic``, ``builtins.dict``) an expression stands for, and which scope a node
is in. libcst computes them with three extra whole-tree passes (expression contexts, scopes,
qualified names), which cost more than parsing; here the collector's one traversal feeds
:class:`ScopeBuilder` node by node. The semantics follow libcst's, which
``tests/test_scopes.py`` uses as the oracle on every fixture:

- an access sees, in its own scope, the assignments made before it (all of them in a
  comprehension, whose loop variables are bound before its element runs); if there are none, or
  the name is bound in an enclosing scope, every assignment there;
- class bodies are invisible to the scopes nested in them; ``global``/``nonlocal`` redirect
  assignments; a walrus in a comprehension binds in the enclosing function or module;
- decorators, default values, annotations and class bases are evaluated in the enclosing scope, as
  is the first ``for`` iterable of a comprehension.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

import libcst as cst
from libcst.helpers import get_full_name_for_node

BUILTIN_NAMES = frozenset(dir(builtins))


class Scope:
    def __init__(self, parent: Scope | None, node: cst.CSTNode, name_prefix: str) -> None:
        self.parent = parent
        self.node = node
        self.name_prefix = name_prefix  # for qualified names of local definitions: "f.<locals>"
        self.assignments: dict[str, list[Assignment]] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()


class ModuleScope(Scope):
    pass


class ClassScope(Scope):
    pass


class FunctionScope(Scope):
    pass


class ComprehensionScope(Scope):
    pass


@dataclass(eq=False)
class Access:
    node: cst.Name
    scope: Scope
    index: int
    referents: set[BaseAssignment] = field(default_factory=set)


@dataclass(eq=False)
class BaseAssignment:
    name: str


@dataclass(eq=False)
class Assignment(BaseAssignment):
    """A binding in the module: ``node`` is the target ``Name``, the ``Param``, the ``FunctionDef`` or
    ``ClassDef``, or (for :class:`ImportAssignment`) the import statement."""

    node: cst.CSTNode
    scope: Scope
    index: int
    references: list[Access] = field(default_factory=list)


@dataclass(eq=False)
class ImportAssignment(Assignment):
    imported: str = ""  # the dotted name the bound name stands for: "anthropic", "anthropic.Anthropic"


@dataclass(eq=False)
class BuiltinAssignment(BaseAssignment):
    pass


_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


class ScopeBuilder:
    """Fed every node on entry and exit by one traversal; :meth:`finish` resolves the loads."""

    def __init__(self) -> None:
        self.module: ModuleScope | None = None
        self.scope_of: dict[int, Scope] = {}
        self.accesses: dict[int, Access] = {}  # id(Name) -> its load
        self.assignment_of: dict[int, Assignment] = {}  # id(target node) -> its assignment
        self._stack: list[Scope] = []
        self._pushes: dict[int, int] = {}  # id(node) -> scopes pushed on entering it
        self._evaluated_in: dict[int, Scope] = {}  # subtrees evaluated in an enclosing scope
        self._stores: set[int] = set()  # Name targets
        self._walrus: set[int] = set()  # Name targets of ``:=``
        self._not_loads: set[int] = set()  # Names that are neither loads nor targets
        self._bind_on_leave: dict[int, tuple[Scope, str]] = {}  # ``def``/``class``: bound once defined
        self._index = 0

    # Traversal --------------------------------------------------------------------------------
    def enter(self, node: cst.CSTNode) -> None:
        outer = self._evaluated_in.pop(id(node), None)
        if outer is not None:
            self._push(node, outer)
        if isinstance(node, cst.Module):
            self.module = ModuleScope(None, node, "")
            self._push(node, self.module)
        scope = self._stack[-1]
        self.scope_of[id(node)] = scope
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            handler(self, node, scope)

    def leave(self, node: cst.CSTNode) -> None:
        for _ in range(self._pushes.pop(id(node), 0)):
            self._stack.pop()
        definition = self._bind_on_leave.pop(id(node), None)
        if definition is not None:
            self._bind(*definition, node)

    def _push(self, node: cst.CSTNode, scope: Scope) -> None:
        self._stack.append(scope)
        self._pushes[id(node)] = self._pushes.get(id(node), 0) + 1

    def _next_index(self) -> int:
        self._index += 1
        return self._index

    # Bindings ---------------------------------------------------------------------------------
    def _bind(self, scope: Scope, name: str, node: cst.CSTNode, imported: str | None = None) -> None:
        scope = self._binding_scope(scope, name)
        if imported is None:
            assignment: Assignment = Assignment(name, node, scope, self._next_index())
            self.assignment_of[id(node)] = assignment
        else:
            assignment = ImportAssignment(name, node, scope, self._next_index(), imported=imported)
        scope.assignments.setdefault(name, []).append(assignment)

    def _binding_scope(self, scope: Scope, name: str) -> Scope:
        if name in scope.globals:
            assert self.module is not None
            return self.module
        if name in scope.nonlocals:
            outer = scope.parent
            while outer is not None and not isinstance(outer, FunctionScope):
                outer = outer.parent
            return outer or scope
        return scope

    def _mark_targets(self, target: cst.BaseExpression, into: set[int] | None = None) -> None:
        """The names a target binds (``a``, ``a, *b``, ``[a, (b, c)]``); ``x.y``/``x[i]`` bind none."""
        if isinstance(target, cst.Name):
            self._stores.add(id(target))
            if into is not None:
                into.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._mark_targets(element.value, into)
        elif isinstance(target, cst.StarredElement):
            self._mark_targets(target.value, into)

    def _evaluate_outside(self, node: cst.CSTNode | None, scope: Scope) -> None:
        if node is not None:
            self._evaluated_in[id(node)] = scope

    # Handlers (by node type) ------------------------------------------------------------------
    def _name(self, node: cst.Name, scope: Scope) -> None:
        key = id(node)
        if key in self._not_loads:
            return
        if key in self._stores:
            if key in self._walrus:
                while isinstance(scope, ComprehensionScope) and scope.parent is not None:
                    scope = scope.parent
            self._bind(scope, node.value, node)
            return
        self.accesses[key] = Access(node, scope, self._next_index())

    def _function(self, node: cst.FunctionDef, scope: Scope) -> None:
        self._not_loads.add(id(node.name))
        self._bind_on_leave[id(node)] = (scope, node.name.value)  # after decorators and annotations
        for decorator in node.decorators:
            self._evaluate_outside(decorator, scope)
        if node.returns is not None:
            self._evaluate_outside(node.returns, scope)
        self._parameters(node.params, scope)
        self._push(node, FunctionScope(scope, node, _prefix(scope, f"{node.name.value}.<locals>")))

    def _lambda(self, node: cst.Lambda, scope: Scope) -> None:
        self._parameters(node.params, scope)
        self._push(node, FunctionScope(scope, node, _prefix(scope, "<lambda>.<locals>")))

    def _parameters(self, params: cst.Parameters, outer: Scope) -> None:
        for param in _all_params(params):
            self._evaluate_outside(param.default, outer)
            self._evaluate_outside(param.annotation, outer)

    def _param(self, node: cst.Param, scope: Scope) -> None:
        self._not_loads.add(id(node.name))
        self._bind(scope, node.name.value, node)

    def _class(self, node: cst.ClassDef, scope: Scope) -> None:
        self._not_loads.add(id(node.name))
        self._bind_on_leave[id(node)] = (scope, node.name.value)  # after bases, decorators and body
        for outside in (*node.decorators, *node.bases, *node.keywords):
            self._evaluate_outside(outside, scope)
        self._push(node, ClassScope(scope, node, _prefix(scope, node.name.value)))

    def _comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp, scope: Scope) -> None:
        self._evaluate_outside(node.for_in.iter, scope)
        self._push(node, ComprehensionScope(scope, node, _prefix(scope, "<comprehension>")))

    def _import(self, node: cst.Import, scope: Scope) -> None:
        for alias in node.names:
            self._skip_alias(alias)
            dotted = get_full_name_for_node(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._bind(scope, alias.asname.name.value, node, imported=dotted)
            else:  # ``import a.b`` binds ``a``
                head = dotted.partition(".")[0]
                self._bind(scope, head, node, imported=head)

    def _import_from(self, node: cst.ImportFrom, scope: Scope) -> None:
        if node.module is not None:
            self._skip_dotted(node.module)
        if isinstance(node.names, cst.ImportStar):
            return
        module = "." * len(node.relative) + (get_full_name_for_node(node.module) or "" if node.module else "")
        for alias in node.names:
            self._skip_alias(alias)
            name = get_full_name_for_node(alias.name) or ""
            bound = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else name
            self._bind(scope, bound, node, imported=f"{module}.{name}" if module and not module.endswith(".") else module + name)

    def _skip_alias(self, alias: cst.ImportAlias) -> None:
        self._skip_dotted(alias.name)
        if alias.asname is not None:
            self._not_loads.add(id(alias.asname.name))

    def _skip_dotted(self, node: cst.BaseExpression) -> None:
        """The names of a module path in an import: not loads."""
        while isinstance(node, cst.Attribute):
            self._not_loads.add(id(node.attr))
            node = node.value
        self._not_loads.add(id(node))

    def _global(self, node: cst.Global | cst.Nonlocal, scope: Scope) -> None:
        names = scope.globals if isinstance(node, cst.Global) else scope.nonlocals
        for item in node.names:
            self._not_loads.add(id(item.name))
            names.add(item.name.value)

    def _attribute(self, node: cst.Attribute, scope: Scope) -> None:
        self._not_loads.add(id(node.attr))

    def _arg(self, node: cst.Arg, scope: Scope) -> None:
        if node.keyword is not None:
            self._not_loads.add(id(node.keyword))

    def _assign(self, node: cst.Assign, scope: Scope) -> None:
        for target in node.targets:
            self._mark_targets(target.target)

    def _target(self, node: cst.AnnAssign | cst.AugAssign | cst.For | cst.CompFor, scope: Scope) -> None:
        self._mark_targets(node.target)

    def _as_name(self, node: cst.WithItem | cst.ExceptHandler | cst.ExceptStarHandler, scope: Scope) -> None:
        asname = node.asname if isinstance(node, cst.WithItem) else node.name
        if asname is not None:
            self._mark_targets(asname.name)  # type: ignore[arg-type]

    def _walrus_target(self, node: cst.NamedExpr, scope: Scope) -> None:
        self._mark_targets(node.target, self._walrus)

    def _pattern_name(self, node: cst.MatchAs | cst.MatchStar, scope: Scope) -> None:
        if node.name is not None:
            self._mark_targets(node.name)

    def _match_mapping(self, node: cst.MatchMapping, scope: Scope) -> None:
        if node.rest is not None:
            self._mark_targets(node.rest)

    def _match_keyword(self, node: cst.MatchKeywordElement, scope: Scope) -> None:
        self._not_loads.add(id(node.key))

    # Resolution -------------------------------------------------------------------------------
    def finish(self) -> None:
        for access in self.accesses.values():
            access.referents = self._referents(access)
            for referent in access.referents:
                if isinstance(referent, Assignment):
                    referent.references.append(access)

    def _referents(self, access: Access) -> set[BaseAssignment]:
        name = access.node.value
        found = resolve(access.scope, name)
        if found is None:
            return {BuiltinAssignment(name)} if name in BUILTIN_NAMES else set()
        assignments = found.assignments[name]
        if found is not access.scope or isinstance(found, ComprehensionScope):
            return set(assignments)
        earlier = {a for a in assignments if a.index < access.index}
        if earlier or access.scope.parent is None:
            return earlier
        outer = resolve(_visible_parent(access.scope), name)
        if outer is None:
            return {BuiltinAssignment(name)} if name in BUILTIN_NAMES else set()
        return set(outer.assignments[name])


def resolve(scope: Scope | None, name: str) -> Scope | None:
    """The scope whose bindings of ``name`` a load in ``scope`` sees (None: builtin or unbound)."""
    if scope is None:
        return None
    if name in scope.globals:
        module = scope
        while module.parent is not None:
            module = module.parent
        return module if name in module.assignments else None
    if name in scope.assignments and name not in scope.nonlocals:
        return scope
    return resolve(_visible_parent(scope), name)


def _visible_parent(scope: Scope) -> Scope | None:
    """The next enclosing scope whose names ``scope`` sees: class bodies are skipped."""
    parent = scope.parent
    while isinstance(parent, ClassScope):
        parent = parent.parent
    return parent


def qualified_names(scope: Scope | None, node: cst.CSTNode) -> set[str]:
    """``anthropic.Anthropic`` for ``Anthropic`` imported from ``anthropic`` (or any alias of it),
    ``builtins.dict`` for ``dict``, ``Outer.helper`` for a local definition."""
    full = get_full_name_for_node(node)
    if full is None or scope is None:
        return set()
    head, dot, rest = full.partition(".")
    found = resolve(scope, head)
    if found is None:
        return {f"builtins.{full}"} if head in BUILTIN_NAMES else set()
    names: set[str] = set()
    for assignment in found.assignments[head]:
        if isinstance(assignment, ImportAssignment):
            names.add(assignment.imported + dot + rest)
        else:
            prefix = assignment.scope.name_prefix
            names.add(f"{prefix}.{full}" if prefix else full)
    return names


def _prefix(scope: Scope, name: str) -> str:
    return f"{scope.name_prefix}.{name}" if scope.name_prefix else name


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    kwargs = [params.star_kwarg] if params.star_kwarg is not None else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *kwargs]


_HANDLERS = {
    cst.Name: ScopeBuilder._name,
    cst.FunctionDef: ScopeBuilder._function,
    cst.Lambda: ScopeBuilder._lambda,
    cst.Param: ScopeBuilder._param,
    cst.ClassDef: ScopeBuilder._class,
    **{kind: ScopeBuilder._comprehension for kind in _COMPREHENSIONS},
    cst.Import: ScopeBuilder._import,
    cst.ImportFrom: ScopeBuilder._import_from,
    cst.Global: ScopeBuilder._global,
    cst.Nonlocal: ScopeBuilder._global,
    cst.Attribute: ScopeBuilder._attribute,
    cst.Arg: ScopeBuilder._arg,
    cst.Assign: ScopeBuilder._assign,
    cst.AnnAssign: ScopeBuilder._target,
    cst.AugAssign: ScopeBuilder._target,
    cst.For: ScopeBuilder._target,
    cst.CompFor: ScopeBuilder._target,
    cst.WithItem: ScopeBuilder._as_name,
    cst.ExceptHandler: ScopeBuilder._as_name,
    cst.ExceptStarHandler: ScopeBuilder._as_name,
    cst.NamedExpr: ScopeBuilder._walrus_target,
    cst.MatchAs: ScopeBuilder._pattern_name,
    cst.MatchStar: ScopeBuilder._pattern_name,
    cst.MatchMapping: ScopeBuilder._match_mapping,
    cst.MatchKeywordElement: ScopeBuilder._match_keyword,
}
