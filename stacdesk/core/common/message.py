"""Sentences the core says to the user, translatable by the window without the core knowing Qt.

A ``Phrase`` is an English template marked with ``QT_TRANSLATE_NOOP(context, text)``, the name
PySide6's lupdate collects into the ``.ts`` files (it recognises the marker by name, also in
modules that never import Qt). Calling a phrase with its arguments gives a ``Message``: a ``str``
holding the English sentence — what the command line prints, logs and tests read, and what
string code keeps working with — that also remembers its phrase and arguments, so the window
renders it again in its own language (``stacdesk.ui.core_text``).

Templates use Qt's placeholders: ``%1``…``%9`` for arguments (numbers get thousands separators,
a ``Message`` argument is rendered in turn) and ``%Ln`` for the count of a phrase with plural
forms. A plural phrase is marked ``QT_TRANSLATE_NOOP(context, "%Ln results", "%Ln result", 1)``:
the English plural, the English singular (lupdate shows it to translators as the comment; it is
also part of the key) and a literal ``1`` — lupdate writes plural forms (Czech has three) only
for a call whose fourth argument is a number literal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"%(L?n|[1-9])")


@dataclass(frozen=True, slots=True)
class Phrase:
    """An English template the window may translate: its lupdate context and source text."""

    context: str
    text: str
    singular: str | None = None  # the English singular of a phrase with plural forms

    @property
    def plural(self) -> bool:
        return self.singular is not None

    def __call__(self, *args: object, n: int | None = None) -> Message:
        if self.plural and n is None:
            raise TypeError(f"{self.text!r} needs its count: n=")
        return Message(self, args, n)

    def english(self, n: int | None) -> str:
        """The English template for count ``n``."""
        return self.singular if self.singular is not None and n == 1 else self.text


class Message(str):
    """A sentence for the user: its English text, with the phrase and arguments it came from."""

    phrase: Phrase
    args: tuple[object, ...]
    n: int | None

    def __new__(cls, phrase: Phrase, args: tuple[object, ...] = (), n: int | None = None):
        english = fill(phrase.english(n), args, n, str, lambda number: f"{number:,}")
        made = super().__new__(cls, english)
        made.phrase, made.args, made.n = phrase, args, n
        return made

    def __reduce__(self):  # copies and pickles keep the phrase, not only the English
        return (Message, (self.phrase, self.args, self.n))


def fill(
    template: str,
    args: tuple[object, ...],
    n: int | None,
    render: Callable[[object], str],
    number: Callable[[int], str],
) -> str:
    """``template`` with its placeholders replaced in one pass (an argument that itself holds
    "%2" stays as it is); ``render`` turns a ``Message`` or other argument into text and
    ``number`` writes counts and integer arguments."""

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in ("n", "Ln"):
            return match.group(0) if n is None else number(n) if key == "Ln" else str(n)
        index = int(key) - 1
        if index >= len(args):
            return match.group(0)
        value = args[index]
        if isinstance(value, int) and not isinstance(value, bool):
            return number(value)
        return render(value)

    return PLACEHOLDER.sub(one, template)


def said_by(exc: BaseException) -> str:
    """What an exception says: the ``Message`` it was raised with, else its text."""
    said = exc.args[0] if len(exc.args) == 1 else None
    return said if isinstance(said, Message) else str(exc)


def joined(parts: Sequence[str], between: Phrase | None = None) -> str:
    """Parts with " · " (or ``between``, a "%1…%2" phrase) between them; a ``Message`` among
    them is still rendered in the window's language (joined by a phrase, not by ``str.join``,
    which would keep only the English)."""
    if not parts:
        return ""
    text = parts[0]
    for part in parts[1:]:
        text = (between or DOT_JOINED)(text, part)
    return text


def QT_TRANSLATE_NOOP(  # the name lupdate looks for
    context: str, text: str, singular: str | None = None, plural: int = 0
) -> Phrase:
    """Mark ``text`` for translation in ``context``; with ``singular`` and a literal ``1`` as
    ``plural`` the phrase has plural forms."""
    if plural and singular is None:
        raise TypeError("a plural phrase needs its English singular")
    return Phrase(context, text, singular)


DOT_JOINED = QT_TRANSLATE_NOOP("Message", "%1 · %2")
SEMICOLON_JOINED = QT_TRANSLATE_NOOP("Message", "%1; %2")
