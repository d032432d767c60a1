"""A small Go ``text/template`` engine for the templates Kuma lets users write.

Kuma renders MeshIdentity SPIFFE IDs and HostnameGenerator hostnames with Go templates such as
``{{ .Mesh }}.{{ .Zone }}.mesh.local`` or ``/workload/{{ label "kuma.io/workload" }}``. This module
implements the part of the language those templates use: text, actions with field references
(``.Mesh``), literals, function calls (``label "k"``), pipelines (``a | b``), parentheses, variables
(``$``, ``$x := ...``), comments and the ``{{-``/``-}}`` trim markers.

Parse errors read like Go's (``template: :1: function "x" not defined``), because Kuma returns
them verbatim and users compare them with Kuma's documentation. Control structures (``if``,
``range``, ``with``, ``define``, ``template``, ``block``) are rejected with our own message: none of
Kuma's documented templates need them. Rendering errors use our own wording.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

BUILTIN_FUNCTIONS = frozenset(
    {
        "and",
        "call",
        "html",
        "index",
        "slice",
        "js",
        "len",
        "not",
        "or",
        "print",
        "printf",
        "println",
        "urlquery",
        "eq",
        "ge",
        "gt",
        "le",
        "lt",
        "ne",
    }
)
"""Functions every Go template knows; a template may name them without defining them."""

_KEYWORDS = frozenset(
    {"block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"}
)
_SPACE_CHARS = " \t\r\n"


class TemplateError(ValueError):
    """A template that cannot be parsed or rendered; ``str()`` is the message users see."""


class TemplateSyntaxError(TemplateError):
    """The template does not parse (Go's wording: ``template: :<line>: <reason>``)."""


class TemplateRenderError(TemplateError):
    """The template parsed but could not be rendered with the given data."""


class _Tok(enum.Enum):
    TEXT = "text"
    LEFT = "{{"
    RIGHT = "}}"
    SPACE = "space"
    PIPE = "|"
    LPAREN = "("
    RPAREN = ")"
    FIELD = "field"
    DOT = "."
    IDENT = "identifier"
    KEYWORD = "keyword"
    BOOL = "bool"
    NIL = "nil"
    NUMBER = "number"
    CHAR_CONST = "char constant"
    STRING = "string"
    RAW_STRING = "raw string"
    VARIABLE = "variable"
    DECLARE = ":="
    ASSIGN = "="
    CHAR = "char"
    ERROR = "error"
    EOF = "EOF"


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Tok
    value: str
    line: int

    def describe(self) -> str:
        # How Go's parser names a token in "unexpected ..." messages.
        if self.kind is _Tok.EOF:
            return "EOF"
        if self.kind is _Tok.ERROR:
            return self.value
        if self.kind is _Tok.KEYWORD:
            return f"<{self.value}>"
        if len(self.value) > 10:
            return _go_quote(self.value[:10]) + "..."
        return _go_quote(self.value)


def _go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _rune(char: str) -> str:
    # Go's %#U: U+005B '['
    return f"U+{ord(char):04X} '{char}'"


def _is_alnum(char: str) -> bool:
    return char == "_" or char.isalpha() or char.isdigit()


class _Lexer:
    """Splits a template into tokens; stops at the first lexical error (an ERROR token)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.paren_depth = 0
        self.tokens: list[_Token] = []

    def run(self) -> list[_Token]:
        inside = False
        while True:
            if not inside:
                if not self._lex_text():
                    break
                inside = self._lex_left_delim()
                if self.tokens and self.tokens[-1].kind is _Tok.ERROR:
                    break
                continue
            result = self._lex_action_item()
            if self.tokens[-1].kind is _Tok.ERROR:
                break
            if result == "closed":
                inside = False
        return self.tokens

    def _emit(self, kind: _Tok, value: str, line: int | None = None) -> None:
        self.tokens.append(_Token(kind, value, self.line if line is None else line))

    def _error(self, message: str) -> None:
        self._emit(_Tok.ERROR, message)

    def _advance(self, count: int) -> str:
        chunk = self.text[self.pos : self.pos + count]
        self.line += chunk.count("\n")
        self.pos += count
        return chunk

    def _lex_text(self) -> bool:
        """Emit text up to the next ``{{``; False at the end of input (EOF emitted)."""
        start_line = self.line
        found = self.text.find("{{", self.pos)
        if found < 0:
            chunk = self._advance(len(self.text) - self.pos)
            if chunk:
                self._emit(_Tok.TEXT, chunk, start_line)
            self._emit(_Tok.EOF, "")
            return False
        chunk = self._advance(found - self.pos)
        if self.text.startswith("- ", found + 2):
            chunk = chunk.rstrip(_SPACE_CHARS)
        if chunk:
            self._emit(_Tok.TEXT, chunk, start_line)
        return True

    def _at_right_delim(self) -> tuple[bool, bool]:
        if self.text.startswith("}}", self.pos):
            return True, False
        if self.text.startswith(" -}}", self.pos):
            return True, True
        return False, False

    def _lex_left_delim(self) -> bool:
        """Consume ``{{`` (and a trim marker); returns True when an action starts."""
        self._advance(2)
        trim = 2 if self.text.startswith("- ", self.pos) else 0
        if self.text.startswith("/*", self.pos + trim):
            self._advance(trim + 2)
            end = self.text.find("*/", self.pos)
            if end < 0:
                self._error("unclosed comment")
                return False
            self._advance(end + 2 - self.pos)
            delim, trim_after = self._at_right_delim()
            if not delim:
                self._error("comment ends before closing delimiter")
                return False
            self._advance(4 if trim_after else 2)
            if trim_after:
                self._skip_leading_space()
            return False
        self._emit(_Tok.LEFT, "{{")
        self._advance(trim)
        self.paren_depth = 0
        return True

    def _skip_leading_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _SPACE_CHARS:
            self._advance(1)

    def _at_terminator(self) -> bool:
        if self.pos >= len(self.text):
            return True
        return self.text[self.pos] in " \t\r\n.,|:()}"

    def _lex_action_item(self) -> str:
        delim, trim = self._at_right_delim()
        if delim:
            if self.paren_depth:
                self._error("unclosed left paren")
                return "error"
            self._advance(4 if trim else 2)
            self._emit(_Tok.RIGHT, "}}")
            if trim:
                self._skip_leading_space()
            return "closed"
        if self.pos >= len(self.text) or self.text[self.pos] in "\r\n":
            self._error("unclosed action")
            return "error"
        char = self.text[self.pos]
        start = self.pos
        if char in " \t":
            while self.pos < len(self.text) and self.text[self.pos] in " \t":
                if self._at_right_delim() == (True, True):
                    break
                self._advance(1)
            if self.pos > start:
                self._emit(_Tok.SPACE, self.text[start : self.pos])
            return "item"
        if char == ":":
            if self.text.startswith(":=", self.pos):
                self._advance(2)
                self._emit(_Tok.DECLARE, ":=")
            else:
                self._advance(2)
                self._error("expected :=")
            return "item"
        if char == "|":
            self._advance(1)
            self._emit(_Tok.PIPE, "|")
            return "item"
        if char == '"':
            return self._lex_escaped_literal('"', _Tok.STRING, "unterminated quoted string")
        if char == "`":
            end = self.text.find("`", self.pos + 1)
            if end < 0:
                self._error("unterminated raw quoted string")
                return "error"
            self._emit(_Tok.RAW_STRING, self._advance(end + 1 - self.pos))
            return "item"
        if char == "'":
            return self._lex_escaped_literal("'", _Tok.CHAR_CONST, "unterminated character constant")
        if char == "$":
            self._advance(1)
            return self._lex_name(_Tok.VARIABLE, "$")
        if char == "." and not (self.pos + 1 < len(self.text) and self.text[self.pos + 1].isdigit()):
            self._advance(1)
            return self._lex_name(_Tok.FIELD, ".")
        if char in "+-." or char.isdigit():
            return self._lex_number()
        if _is_alnum(char):
            return self._lex_identifier()
        if char == "(":
            self._advance(1)
            self._emit(_Tok.LPAREN, "(")
            self.paren_depth += 1
            return "item"
        if char == ")":
            self._advance(1)
            self._emit(_Tok.RPAREN, ")")
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self._error(f"unexpected right paren {_rune(')')}")
                return "error"
            return "item"
        if char == "=":
            self._advance(1)
            self._emit(_Tok.ASSIGN, "=")
            return "item"
        if ord(char) < 128 and char.isprintable():
            self._advance(1)
            self._emit(_Tok.CHAR, char)
            return "item"
        self._advance(1)
        self._error(f"unrecognized character in action: {_rune(char)}")
        return "error"

    def _lex_escaped_literal(self, quote: str, token: _Tok, unterminated: str) -> str:
        """A literal up to the closing ``quote`` on the same line; a backslash escapes one character."""
        i = self.pos + 1
        while i < len(self.text):
            c = self.text[i]
            if c == "\\":
                if i + 1 >= len(self.text) or self.text[i + 1] == "\n":
                    break
                i += 2
                continue
            if c == "\n":
                break
            if c == quote:
                self._emit(token, self._advance(i + 1 - self.pos))
                return "item"
            i += 1
        self._error(unterminated)
        return "error"

    def _lex_name(self, kind: _Tok, sigil: str) -> str:
        if self._at_terminator():
            self._emit(_Tok.DOT if kind is _Tok.FIELD else _Tok.VARIABLE, sigil)
            return "item"
        start = self.pos
        while self.pos < len(self.text) and _is_alnum(self.text[self.pos]):
            self._advance(1)
        if not self._at_terminator():
            self._error(f"bad character {_rune(self.text[self.pos])}")
            return "error"
        self._emit(kind, sigil + self.text[start : self.pos])
        return "item"

    def _lex_identifier(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and _is_alnum(self.text[self.pos]):
            self._advance(1)
        if not self._at_terminator():
            self._error(f"bad character {_rune(self.text[self.pos])}")
            return "error"
        word = self.text[start : self.pos]
        if word in _KEYWORDS:
            self._emit(_Tok.KEYWORD, word)
        elif word in ("true", "false"):
            self._emit(_Tok.BOOL, word)
        elif word == "nil":
            self._emit(_Tok.NIL, word)
        else:
            self._emit(_Tok.IDENT, word)
        return "item"

    def _lex_number(self) -> str:
        # Go's scanner: sign, optional hex prefix, digits, fraction, exponent, imaginary suffix;
        # whatever it accepts that is not a number is reported by the parser.
        start = self.pos
        end = start
        if end < len(self.text) and self.text[end] in "+-":
            end += 1
        digits = "0123456789"
        if self.text.startswith(("0x", "0X"), end):
            end += 2
            digits += "abcdefABCDEF"
        end = self._run(end, digits)
        if end < len(self.text) and self.text[end] == ".":
            end = self._run(end + 1, digits)
        if end < len(self.text) and self.text[end] in "eE":
            end += 1
            if end < len(self.text) and self.text[end] in "+-":
                end += 1
            end = self._run(end, "0123456789")
        if end < len(self.text) and self.text[end] == "i":
            end += 1
        if end < len(self.text) and (_is_alnum(self.text[end]) or self.text[end] in "+-"):
            self._error(f"bad number syntax: {_go_quote(self.text[start : end + 1])}")
            return "error"
        self._emit(_Tok.NUMBER, self._advance(end - start))
        return "item"

    def _run(self, index: int, allowed: str) -> int:
        while index < len(self.text) and self.text[index] in allowed:
            index += 1
        return index


# --- Syntax tree ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Literal:
    value: Any
    executable: bool = False


@dataclass(slots=True)
class _Field:
    names: tuple[str, ...]
    executable: bool = True


@dataclass(slots=True)
class _Dot:
    executable: bool = False


@dataclass(slots=True)
class _Variable:
    name: str
    fields: tuple[str, ...] = ()
    executable: bool = True


@dataclass(slots=True)
class _Function:
    name: str
    executable: bool = True


@dataclass(slots=True)
class _Command:
    args: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class _Pipeline:
    commands: list[_Command] = field(default_factory=list)
    declare: str | None = None
    executable: bool = True


@dataclass(slots=True)
class _Text:
    text: str


@dataclass(slots=True)
class _Action:
    pipeline: _Pipeline


class _Parser:
    def __init__(self, tokens: list[_Token], functions: Collection[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.functions = set(functions) | BUILTIN_FUNCTIONS
        self.variables = ["$"]
        self.current = tokens[0]

    def fail(self, message: str) -> TemplateSyntaxError:
        return TemplateSyntaxError(f"template: :{self.current.line}: {message}")

    def next(self) -> _Token:
        token = self.tokens[self.i]
        self.i = min(self.i + 1, len(self.tokens) - 1)
        self.current = token
        if token.kind is _Tok.ERROR:
            raise self.fail(token.value)
        return token

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def next_non_space(self) -> _Token:
        token = self.next()
        while token.kind is _Tok.SPACE:
            token = self.next()
        return token

    def peek_non_space(self) -> _Token:
        j = self.i
        while self.tokens[j].kind is _Tok.SPACE:
            j += 1
        return self.tokens[j]

    def skip_spaces(self) -> None:
        while self.peek().kind is _Tok.SPACE:
            self.next()

    def parse(self) -> list[_Text | _Action]:
        nodes: list[_Text | _Action] = []
        while True:
            token = self.next()
            if token.kind is _Tok.EOF:
                return nodes
            if token.kind is _Tok.TEXT:
                nodes.append(_Text(token.value))
            elif token.kind is _Tok.LEFT:
                nodes.append(self.action())
            else:
                raise self.fail(f"unexpected {token.describe()} in input")

    def action(self) -> _Action:
        token = self.peek_non_space()
        if token.kind is _Tok.KEYWORD:
            self.next_non_space()
            raise self.fail(
                f"{{{{{token.value}}}}} is not supported: templates may use fields, literals, "
                "functions and pipelines"
            )
        return _Action(self.pipeline("command", closing=_Tok.RIGHT))

    def pipeline(self, context: str, *, closing: _Tok) -> _Pipeline:
        pipe = _Pipeline()
        first = self.peek_non_space()
        if first.kind is _Tok.VARIABLE:
            j = self.i
            while self.tokens[j].kind is _Tok.SPACE:
                j += 1
            k = j + 1
            while self.tokens[k].kind is _Tok.SPACE:
                k += 1
            if self.tokens[k].kind in (_Tok.DECLARE, _Tok.ASSIGN):
                variable = self.next_non_space()
                operator = self.next_non_space()
                if operator.kind is _Tok.ASSIGN and variable.value not in self.variables:
                    raise self.fail(f"undefined variable {_go_quote(variable.value)}")
                pipe.declare = variable.value
                self.variables.append(variable.value)
        while True:
            token = self.next_non_space()
            if token.kind in (_Tok.RIGHT, _Tok.RPAREN):
                if token.kind is not closing:
                    raise self.fail(f"unexpected {token.describe()} in {context}")
                self.check(pipe, context)
                if token.kind is _Tok.RPAREN:
                    self.i -= 1  # the parenthesized term consumes it
                return pipe
            if token.kind in (
                _Tok.BOOL,
                _Tok.CHAR_CONST,
                _Tok.DOT,
                _Tok.FIELD,
                _Tok.IDENT,
                _Tok.NUMBER,
                _Tok.NIL,
                _Tok.RAW_STRING,
                _Tok.STRING,
                _Tok.VARIABLE,
                _Tok.LPAREN,
            ):
                self.i -= 1
                pipe.commands.append(self.command())
            else:
                raise self.fail(f"unexpected {token.describe()} in {context}")

    def check(self, pipe: _Pipeline, context: str) -> None:
        if not pipe.commands:
            raise self.fail(f"missing value for {context}")
        for stage, command in enumerate(pipe.commands[1:], start=2):
            if not command.args[0].executable:
                raise self.fail(f"non executable command in pipeline stage {stage}")

    def command(self) -> _Command:
        command = _Command()
        while True:
            self.skip_spaces()
            operand = self.operand()
            if operand is not None:
                command.args.append(operand)
            token = self.next()
            if token.kind is _Tok.SPACE:
                continue
            if token.kind in (_Tok.RIGHT, _Tok.RPAREN):
                self.i -= 1
            elif token.kind is not _Tok.PIPE:
                raise self.fail(f"unexpected {token.describe()} in operand")
            break
        if not command.args:
            raise self.fail("empty command")
        return command

    def operand(self) -> Any:
        node = self.term()
        if node is None:
            return None
        if self.peek().kind is _Tok.FIELD:
            names: list[str] = []
            while self.peek().kind is _Tok.FIELD:
                names.append(self.next().value[1:])
            if isinstance(node, _Field):
                return _Field((*node.names, *names))
            if isinstance(node, _Variable):
                return _Variable(node.name, (*node.fields, *names))
            if isinstance(node, (_Literal, _Dot)):
                raise self.fail(f"unexpected . after term {_go_quote(_node_text(node))}")
            raise self.fail("field access on a parenthesized pipeline is not supported")
        return node

    def term(self) -> Any:
        token = self.next_non_space()
        kind = token.kind
        if kind is _Tok.IDENT:
            if token.value not in self.functions:
                raise self.fail(f"function {_go_quote(token.value)} not defined")
            return _Function(token.value)
        if kind is _Tok.DOT:
            return _Dot()
        if kind is _Tok.NIL:
            return _Literal(None)
        if kind is _Tok.VARIABLE:
            name = token.value.split(".")[0]
            if name not in self.variables:
                raise self.fail(f"undefined variable {_go_quote(name)}")
            return _Variable(name)
        if kind is _Tok.FIELD:
            return _Field((token.value[1:],))
        if kind is _Tok.BOOL:
            return _Literal(token.value == "true")
        if kind in (_Tok.NUMBER, _Tok.CHAR_CONST):
            return _Literal(self.number(token))
        if kind is _Tok.LPAREN:
            pipe = self.pipeline("parenthesized pipeline", closing=_Tok.RPAREN)
            closing = self.next()
            if closing.kind is not _Tok.RPAREN:
                raise self.fail(f"unclosed right paren: unexpected {closing.describe()}")
            return pipe
        if kind in (_Tok.STRING, _Tok.RAW_STRING):
            return _Literal(self.unquote(token))
        self.i -= 1
        return None

    def number(self, token: _Token) -> int | float:
        text = token.value
        if token.kind is _Tok.CHAR_CONST:
            inner = text[1:-1]
            try:
                decoded = json.loads('"' + inner.replace('"', '\\"') + '"') if "\\" in inner else inner
            except json.JSONDecodeError:
                decoded = ""
            if len(decoded) != 1:
                raise self.fail(f"malformed character constant: {text}")
            return ord(decoded)
        try:
            return int(text, 0)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            raise self.fail(f"illegal number syntax: {_go_quote(text)}") from None

    def unquote(self, token: _Token) -> str:
        if token.kind is _Tok.RAW_STRING:
            return token.value[1:-1]
        try:
            value = json.loads(token.value)
        except json.JSONDecodeError:
            raise self.fail("invalid syntax") from None
        return str(value)


def _node_text(node: Any) -> str:
    if isinstance(node, _Dot):
        return "."
    value = node.value
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _go_quote(value)
    return str(value)


# --- Rendering -----------------------------------------------------------------------------------

TemplateFunction = Callable[..., Any]


def _printable(value: Any) -> str:
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _truth(value: Any) -> bool:
    return bool(value) if value is not None else False


def _printf(form: str, *args: Any) -> str:
    out: list[str] = []
    arg_index = 0
    i = 0
    while i < len(form):
        char = form[i]
        if char != "%" or i + 1 >= len(form):
            out.append(char)
            i += 1
            continue
        verb = form[i + 1]
        i += 2
        if verb == "%":
            out.append("%")
            continue
        if arg_index >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        arg = args[arg_index]
        arg_index += 1
        if verb == "q":
            out.append(_go_quote(_printable(arg)))
        elif verb == "d" and isinstance(arg, int) and not isinstance(arg, bool):
            out.append(str(arg))
        elif verb in ("s", "v", "d"):
            out.append(_printable(arg))
        else:
            raise TemplateRenderError(f"printf verb %{verb} is not supported")
    return "".join(out)


_BUILTIN_IMPLEMENTATIONS: dict[str, TemplateFunction] = {
    "print": lambda *args: "".join(_printable(a) for a in args),
    "println": lambda *args: " ".join(_printable(a) for a in args) + "\n",
    "printf": _printf,
    "len": lambda value: len(value),
    "not": lambda value: not _truth(value),
    "eq": lambda first, *others: any(first == other for other in others),
    "ne": lambda first, second: first != second,
    "lt": lambda first, second: first < second,
    "le": lambda first, second: first <= second,
    "gt": lambda first, second: first > second,
    "ge": lambda first, second: first >= second,
}


class Template:
    """A parsed template; :meth:`render` fills it in."""

    def __init__(self, source: str, nodes: list[_Text | _Action]) -> None:
        self.source = source
        self._nodes = nodes

    def render(self, data: Mapping[str, Any], functions: Mapping[str, TemplateFunction] | None = None) -> str:
        """Render with ``data`` as the fields (``.Name``) and ``functions`` callable by name."""
        context = _Context(data, {**_BUILTIN_IMPLEMENTATIONS, **(functions or {})})
        out: list[str] = []
        for node in self._nodes:
            if isinstance(node, _Text):
                out.append(node.text)
                continue
            value = context.pipeline(node.pipeline)
            if node.pipeline.declare is None:
                out.append(_printable(value))
        return "".join(out)

    def fields(self) -> set[str]:
        """Names of the fields the template reads (``{{ .Mesh }}`` → ``Mesh``)."""
        found: set[str] = set()

        def visit(node: Any) -> None:
            if isinstance(node, _Field):
                found.add(node.names[0])
            elif isinstance(node, _Pipeline):
                for command in node.commands:
                    for arg in command.args:
                        visit(arg)

        for node in self._nodes:
            if isinstance(node, _Action):
                visit(node.pipeline)
        return found


class _Context:
    def __init__(self, data: Mapping[str, Any], functions: Mapping[str, TemplateFunction]) -> None:
        self.data = data
        self.functions = functions
        self.variables: dict[str, Any] = {"$": data}

    def pipeline(self, pipe: _Pipeline) -> Any:
        value: Any = None
        for index, command in enumerate(pipe.commands):
            value = self.command(command, value if index > 0 else _NO_ARG)
        if pipe.declare is not None:
            self.variables[pipe.declare] = value
        return value

    def command(self, command: _Command, piped: Any) -> Any:
        head, *rest = command.args
        if isinstance(head, _Function):
            args = [self.argument(arg) for arg in rest]
            if piped is not _NO_ARG:
                args.append(piped)
            return self.call(head.name, args)
        if rest or piped is not _NO_ARG:
            raise TemplateRenderError(f"{_describe(head)} is not a function and takes no arguments")
        if isinstance(head, _Literal) and head.value is None:
            raise TemplateRenderError("nil is not a command")
        return self.argument(head)

    def call(self, name: str, args: list[Any]) -> Any:
        function = self.functions.get(name)
        if function is None:
            raise TemplateRenderError(f"function {_go_quote(name)} is not available when rendering")
        try:
            return function(*args)
        except TypeError as exc:
            raise TemplateRenderError(f"wrong arguments for {name}: {exc}") from None
        except Exception as exc:  # the function's own failure, e.g. a missing label
            raise TemplateRenderError(f"error calling {name}: {exc}") from None

    def argument(self, node: Any) -> Any:
        if isinstance(node, _Literal):
            return node.value
        if isinstance(node, _Field):
            return self.lookup(self.data, node.names)
        if isinstance(node, _Variable):
            return self.lookup(self.variables[node.name], node.fields)
        if isinstance(node, _Pipeline):
            return self.pipeline(node)
        if isinstance(node, _Function):
            return self.call(node.name, [])
        raise TemplateRenderError("'.' (the whole data object) cannot be rendered; use one of its fields")

    @staticmethod
    def lookup(value: Any, names: tuple[str, ...]) -> Any:
        for name in names:
            if not isinstance(value, Mapping):
                raise TemplateRenderError(
                    f"can't evaluate field {name}: the value before it is not an object"
                )
            if name not in value:
                known = ", ".join(sorted(f".{k}" for k in value))
                raise TemplateRenderError(f"can't evaluate field {name}; available fields: {known}")
            value = value[name]
        return value


_NO_ARG: Any = object()


def _describe(node: Any) -> str:
    if isinstance(node, _Field):
        return "." + ".".join(node.names)
    if isinstance(node, _Variable):
        return node.name + "".join("." + f for f in node.fields)
    return "a value"


def parse(source: str, *, functions: Collection[str] = ()) -> Template:
    """Parse ``source``; ``functions`` names the functions besides Go's builtins (e.g. ``label``).

    Raises :class:`TemplateSyntaxError` with Go's message when the template does not parse.
    """
    tokens = _Lexer(source).run()
    nodes = _Parser(tokens, functions).parse()
    return Template(source, nodes)


def render(
    source: str, data: Mapping[str, Any], functions: Mapping[str, TemplateFunction] | None = None
) -> str:
    """Parse and render in one step (see :func:`parse` and :meth:`Template.render`)."""
    return parse(source, functions=tuple(functions or ())).render(data, functions)
