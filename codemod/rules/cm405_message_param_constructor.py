"""CM405 message-param-constructor: `MessageParam(role=..., content=...)`, a `TypeError` in SDK 2.x, becomes the dict it built.

## What it does
Finds calls of `MessageParam` and `BetaMessageParam` imported from the SDK (through any import form or
alias). A call with keyword arguments only becomes the dict literal it always returned: the same keys,
the same value expressions, its layout and comments kept, `MessageParam(role="user", content=x)` ->
`{"role": "user", "content": x}`. Where the call is assigned to a name that is assigned only there
(`msg = MessageParam(...)`, in a module or a function), the name keeps the type as an annotation:
`msg: MessageParam = {"role": ..., "content": ...}`, so a type checker still accepts `msg` where a
`MessageParam` is expected (a bare dict literal is inferred as `dict[str, str]`, which mypy rejects there);
the import then stays. Otherwise `from anthropic.types import MessageParam` is dropped when nothing uses
the name any more (it stays when the name is also an annotation). A call with positional or `**`
arguments is reported.

## Why
In `anthropic` 0.x `MessageParam` was a `TypedDict`, so calling it built a plain dict. In 2.x it is
`Union[UserMessageParam, AssistantMessageParam, SystemMessageParam]`, and calling it raises
`TypeError: Cannot instantiate typing.Union`. `BetaMessageParam` changed the same way.

## Fix safety
Safe: calling a `TypedDict` returns the dict of its keyword arguments, so the dict literal is the value
the call produced in 0.x; the value expressions are kept as written and evaluated in the same order. An
annotation on a local or module name changes nothing at run time (a class body is left without one: there
it would declare a field).

## Source
- https://github.com/anthropics/anthropic-sdk-python/blob/v0.121.0/src/anthropic/types/message_param.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/message_param.py
- https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/beta/beta_message_param.py
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codemod.analysis.literals import quote_of
from codemod.analysis.sdk_usage import MessageParamCall
from codemod.context import RuleContext
from codemod.edits import Edit, RemoveImportIfUnused, Replace, code_of
from codemod.facts import FileFacts
from codemod.findings import SAFE, Finding, Fix, Rule

RULE = Rule(
    "CM405",
    "message-param-constructor",
    "`MessageParam(role=..., content=...)` (TypeError in SDK 2.x: a Union) -> the dict literal it built",
    fixes=(SAFE,),
    tokens=(b"MessageParam",),
)


def _dict_literal_of(call: cst.Call) -> cst.Dict:
    """``MessageParam(role="user", content=x)`` as ``{"role": "user", "content": x}``, in the call's layout."""
    quote = quote_of(next((arg.value for arg in call.args if isinstance(arg.value, cst.SimpleString)), None))
    elements = []
    close: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace("")
    for index, arg in enumerate(call.args):
        assert arg.keyword is not None
        elements.append(
            cst.DictElement(
                key=cst.SimpleString(f"{quote}{arg.keyword.value}{quote}"),
                value=arg.value,
                comma=arg.comma,
                whitespace_before_colon=cst.SimpleWhitespace(""),
                whitespace_after_colon=cst.SimpleWhitespace(" "),
            )
        )
        if index == len(call.args) - 1:
            close = arg.whitespace_after_arg
    return cst.Dict(
        elements=elements,
        lbrace=cst.LeftCurlyBrace(whitespace_after=call.whitespace_before_args),
        rbrace=cst.RightCurlyBrace(whitespace_before=close),
        lpar=call.lpar,
        rpar=call.rpar,
    )


def _finding(found: MessageParamCall) -> Finding:
    call = found.call
    name = code_of(call.func)
    convertible = all(arg.keyword is not None and not arg.star for arg in call.args)
    roles = "UserMessageParam / AssistantMessageParam" if found.name == "MessageParam" else "BetaUserMessageParam / BetaAssistantMessageParam"
    if not convertible:
        message = (
            f"{name}(...) raises TypeError in SDK 2.x ({found.name} is a Union of role-specific TypedDicts): "
            f"write the message as a dict literal {{\"role\": ..., \"content\": ...}} (or use {roles})"
        )
        return Finding(RULE, call, message)
    new = _dict_literal_of(call)
    keys = ", ".join(f'"{arg.keyword.value}": ...' for arg in call.args if arg.keyword is not None)
    message = (
        f"{name}(...) raises TypeError in SDK 2.x ({found.name} is a Union of role-specific TypedDicts): "
        f"the dict literal {{{keys}}} is the value it built"
    )
    statement = found.sole_assignment
    if statement is not None:
        # ``msg = MessageParam(...)`` -> ``msg: MessageParam = {...}``: the type stays for type checkers.
        target = statement.targets[0]
        annotated = cst.AnnAssign(
            target=target.target,
            annotation=cst.Annotation(call.func, whitespace_before_indicator=cst.SimpleWhitespace("")),
            value=new,
            equal=cst.AssignEqual(target.whitespace_before_equal, target.whitespace_after_equal),
            semicolon=statement.semicolon,
        )
        edits: list[Edit] = [Replace(statement, annotated)]  # type: ignore[arg-type]
        message += f"; {code_of(target.target)} keeps the type as an annotation"
    else:
        edits = [Replace(call, new)]
    if found.import_module is not None:
        edits.append(RemoveImportIfUnused(found.import_module, found.name))
    return Finding(RULE, call, message, Fix(SAFE, tuple(edits)))


def check_file(facts: FileFacts, ctx: RuleContext) -> Iterator[Finding]:
    for found in facts.analysis.sdk_usage.message_param_calls:
        yield _finding(found)
