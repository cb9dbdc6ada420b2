"""Who a forwarded question goes to: a posting's contact, resolved from its front matter, a directory
of member ids (knowledge/contacts.yaml) and its text, else the configured default.

Resolution order, the first step that gives an email address wins:

1. the front-matter `contact` when it is an email address;
2. `contacts` entries that are email addresses;
3. `contacts` member ids ("johan.girod") mapped to an address by the directory;
4. the first address in an application or contact section (Candidater, Postuler, Contact...),
   else the first address anywhere in the body;
5. the default address (DEFAULT_CONTACT in the configuration);
6. nobody: Contact("", "none", "").

Posting keeps `contact` then `contacts` values in one tuple, so an address there counts as `contact`
when it comes first and as `contacts` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from .bounded import MAX_CONTACTS_BYTES, compose_yaml, read_limited
from .errors import BotError
from .knowledge import emails_in
from .models import Posting, Section
from .text import fold, normalise

TEAM_LABEL = "l'équipe de recrutement"  # what candidates are told when the address is not in the posting
SOURCES = ("contact", "contacts", "directory", "text", "default", "none")

_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\r\n<>()[]{}\"'`.,;:!?«»"
_NOT_ID = re.compile(r"[^a-z0-9]+")
# Headings of the sections where postings say how to apply or whom to write to (normalised text).
_APPLY_HEADING = re.compile(
    r"\b(?:candidat(?:er|ez|ure|ures)|postul\w*|contact\w*|ecri(?:s|vez|re) nous|recrutement|interesse\w*"
    r"|apply|application process|get in touch)\b"
)
_TOP_KEYS = frozenset({"version", "members"})


@dataclass(frozen=True)
class Contact:
    """Where a forwarded question goes, how that was found, and what the candidate is told."""

    email: str  # "" when nobody is reachable
    source: str  # one of SOURCES
    label: str  # the address itself, TEAM_LABEL, or "" when nobody is reachable

    @property
    def reachable(self) -> bool:
        """Whether a forwarded question can be sent somewhere."""
        return bool(self.email)


@dataclass(frozen=True)
class Directory:
    """Member ids mapped to email addresses (knowledge/contacts.yaml); ids compare loosely."""

    members: Mapping[str, str]
    _by_key: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        members: dict[str, str] = {}
        by_key: dict[str, str] = {}
        owners: dict[str, str] = {}
        for member, raw_email in self.members.items():
            email = clean_email(raw_email)
            key = member_key(member)
            if not email:
                raise ValueError(f"member '{member}': {raw_email!r} is not an email address")
            if not key:
                raise ValueError(f"member id {member!r} has no letters or digits")
            if key in by_key and by_key[key] != email:
                raise ValueError(f"members '{owners[key]}' and '{member}' are the same id with different addresses")
            members[member] = email
            by_key[key] = email
            owners.setdefault(key, member)
        object.__setattr__(self, "members", MappingProxyType(members))
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    @classmethod
    def empty(cls) -> Directory:
        """A directory that maps nobody."""
        return cls({})

    def email_of(self, member_id: str) -> str:
        """The address of a member id, ignoring case, accents, dots and dashes; "" when unknown."""
        key = member_key(member_id)
        return self._by_key.get(key, "") if key else ""


class ContactsError(BotError, ValueError):
    """The contacts directory is unusable; the message names the file, the line when known, and the reason."""


def default_directory_path() -> Path:
    """The directory bundled with the project (knowledge/contacts.yaml next to the package)."""
    return Path(__file__).resolve().parent.parent / "knowledge" / "contacts.yaml"


def load_directory(path: Path) -> Directory:
    """Read a contacts directory; a missing file is an empty directory, a wrong one raises ContactsError."""
    try:
        text = read_limited(path, MAX_CONTACTS_BYTES, "the contacts directory").decode("utf-8")
    except FileNotFoundError:
        return Directory.empty()
    except (OSError, ValueError) as exc:  # ValueError: too large, or not UTF-8
        raise ContactsError(f"{path}: cannot read the contacts directory: {exc}") from None
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ContactsError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if root is None:  # empty, or comments only
        return Directory.empty()
    if not isinstance(root, yaml.MappingNode):
        raise ContactsError(f"{_where(path, root)}: the file must be a mapping with a 'members:' mapping "
                            "of member ids to email addresses")
    members_node: yaml.Node | None = None
    for key_node, value_node in root.value:
        key = _scalar(key_node)
        if key not in _TOP_KEYS:
            raise ContactsError(f"{_where(path, key_node)}: unknown key {key or key_node.id!r}: "
                                "the file holds a 'members:' mapping of member ids to email addresses")
        if key == "members":
            members_node = value_node
    if members_node is None or members_node.tag.endswith(":null"):
        return Directory.empty()
    if not isinstance(members_node, yaml.MappingNode):
        raise ContactsError(f"{_where(path, members_node)}: 'members' must be a mapping of member ids to "
                            "email addresses, e.g. 'jeanne.martin: jeanne.martin@example.org'")
    return Directory(_members(path, members_node))


def _members(path: Path, node: yaml.MappingNode) -> dict[str, str]:
    members: dict[str, str] = {}
    seen: dict[str, tuple[str, int]] = {}
    for key_node, value_node in node.value:
        member = _scalar(key_node)
        where = _where(path, key_node)
        if not member or not member_key(member):
            raise ContactsError(f"{where}: member id {member or key_node.id!r} is not an id such as 'jeanne.martin'")
        raw = _scalar(value_node)
        email = clean_email(raw) if raw is not None and value_node.tag.endswith(":str") else ""
        if not email:
            shown = raw if raw is not None else f"a {value_node.id}"
            raise ContactsError(f"{where}: member '{member}': {shown!r} is not an email address: "
                                "give one address, e.g. 'jeanne.martin@example.org'")
        key = member_key(member)
        if key in seen and seen[key][0] != member:
            other, line = seen[key]
            raise ContactsError(f"{where}: member '{member}' is the same id as '{other}' (line {line}): "
                                "ids ignore case, dots and dashes; keep one")
        if key in seen:
            raise ContactsError(f"{where}: member '{member}' is listed twice (also line {seen[key][1]}): keep one")
        seen[key] = (member, key_node.start_mark.line + 1)
        members[member] = email
    return members


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def clean_email(value: str) -> str:
    """An email address lower-cased, without "mailto:", brackets and trailing punctuation; "" if none."""
    text = _MAILTO.sub("", value.strip().strip(_EDGE_PUNCTUATION)).strip(_EDGE_PUNCTUATION).lower()
    return text if emails_in(text) == [text] else ""


def member_key(member_id: str) -> str:
    """A member id compared loosely: "Johan.Girod", "johan-girod" and "johangirod" are one id."""
    return _NOT_ID.sub("", fold(member_id))


def resolve_contact(posting: Posting, directory: Directory, *, default: str = "") -> Contact:
    """Who a question about a posting goes to; see the module docstring for the order."""
    for position, value in enumerate(posting.contacts):
        email = _email_in_value(value)
        if email:
            return Contact(email, "contact" if position == 0 else "contacts", email)
    for value in posting.contacts:
        if "@" not in value and "/" not in value:
            email = directory.email_of(value)
            if email:
                return Contact(email, "directory", TEAM_LABEL)
    email = first_email_in_text(posting)
    if email:
        return Contact(email, "text", email)
    if default.strip():
        email = clean_email(default)
        if not email:
            raise ValueError(f"default contact {default!r} is not an email address")
        return Contact(email, "default", TEAM_LABEL)
    return Contact("", "none", "")


def first_email_in_text(posting: Posting) -> str:
    """The first address of the posting's application or contact sections, else of its whole body."""
    for sections in (filter(is_application_section, posting.sections), posting.sections):
        for email in _emails(sections):
            return email
    return ""


def is_application_section(section: Section) -> bool:
    """Whether a section (or a heading above it) says how to apply or whom to contact."""
    return any(_APPLY_HEADING.search(normalise(title)) for title in section.path)


def _emails(sections: Iterable[Section]) -> Iterator[str]:
    for section in sections:
        for passage in section.passages:
            for found in emails_in(passage.text):
                email = clean_email(found)
                if email:
                    yield email


def _email_in_value(value: str) -> str:
    """The address a front-matter value gives: the value itself, or the first address inside it."""
    email = clean_email(value)
    if email or "@" not in value:
        return email
    return next((e for e in map(clean_email, emails_in(value)) if e), "")
