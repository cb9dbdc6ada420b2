"""Load job postings: Markdown files with YAML front matter, as real files are (messy).

Front matter is read with python-frontmatter, the body with markdown-it-pyrs (bot/markdown.py). Each file becomes a
Posting of Sections of Passages; a file that cannot be read becomes one Problem naming the file,
the line where known and the reason, and every other file still loads.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from .bounded import MAX_POSTING_BYTES, FileTooLarge, load_yaml, read_limited
from .markdown import Token, TooDeep
from .markdown import parser as markdown_parser
from .markdown import tokens as markdown_tokens
from .models import Passage, PassageKind, Posting, Problem, Section
from .text import slugify

logger = logging.getLogger(__name__)

INTRO = "Introduction"
_FRONT_MATTER_START = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_HTML_TAG = re.compile(r"<[^>]{0,500}>")
_SPACES = re.compile(r"\s+")
_TRAILING_BACKSLASH = re.compile(r"\\+(?=\s|$)")
_STRAY_MARKUP = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|\\(?=[*_#\[\]()`>-])")
_FRENCH_DATE = "%d/%m/%Y"
_OTHER_KNOWLEDGE = {".yaml", ".yml", ".json", ".txt", ".csv", ".py"}
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■□➢➤►→✓✔-]|\\-)\s*")
# "·" is a bullet only with a space on one side: in "un·e indépendant·e" it is inclusive writing.
# a bullet after a space or a colon: not the "•" of inclusive writing ("En tant que chargé•e de développement, ...")
_INLINE_LEAD = re.compile(r"^([^.!?•·]{2,50}?)\s*:?\s*(?=(?<=[\s:])[•▪◦●■➢➤►✓✔]|(?<=\s)·|·\s)")
_LABELLED = re.compile(r"^(?:[^\s:.!?]++ ?){1,4}:\s?\S")  # "Durée : 6 mois": a short label, a colon, a value
_HAS_BULLET = re.compile(r"[•·▪◦●■➢➤►✓✔]")
_BULLET_SPLIT = re.compile(r"\s+(?=[•·▪◦●■➢➤►✓✔]\s)")


@dataclass(frozen=True)
class LoadResult:
    """The postings that loaded and the problems found while loading."""

    postings: tuple[Posting, ...]
    problems: tuple[Problem, ...] = field(default=())


def load_postings(folder: Path, *, today: dt.date | None = None) -> LoadResult:
    """Load every posting file of a folder; report, do not raise, what cannot be loaded."""
    today = today or dt.date.today()
    paths, problems = posting_files(folder)
    slugs = assign_slugs(paths, problems)
    postings: list[Posting] = []
    for path in paths:
        try:
            posting, warnings = load_posting(path, today=today, slug=slugs[path])
        except KnowledgeError as exc:
            problems.append(exc.problem)
            continue
        except Exception as exc:  # one file's fault, whatever it is, stops that file only
            problems.append(unexpected_problem(path, exc))
            continue
        postings.append(posting)
        problems.extend(warnings)
    logger.info("loaded %d postings from %s (%d problems)", len(postings), folder, len(problems))
    return LoadResult(tuple(postings), tuple(problems))


def posting_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The posting files of a folder (*.md, sorted), and a problem for each file that looks like a
    posting but will not be published (no .md extension)."""
    if not folder.is_dir():
        return [], [Problem(str(folder), "knowledge folder not found: give an existing folder with --knowledge "
                            "or KNOWLEDGE_DIR")]
    paths: list[Path] = []
    problems: list[Problem] = []
    root = folder.resolve()
    with os.scandir(folder) as listing:  # each entry knows whether it is a link: no file is resolved but links
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_file():
            continue
        path = folder / entry.name
        if entry.is_symlink() and not inside(path, root):
            problems.append(Problem(path.name, "symbolic link to a file outside the knowledge folder: not "
                                    "published; copy the file into the folder instead"))
            continue
        if path.suffix.lower() == ".md":
            paths.append(path)
        elif path.suffix.lower() not in _OTHER_KNOWLEDGE and _looks_like_posting(path):
            problems.append(Problem(path.name, "looks like a posting but lacks the .md extension: "
                                    "rename it to end in .md to publish it"))
    return paths, problems


def inside(path: Path, root: Path) -> bool:
    """Whether a path, symbolic links followed, is a file within root (a resolved folder)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def assign_slugs(paths: list[Path], problems: list[Problem]) -> dict[Path, str]:
    """A unique slug per file, from its name; a clash gets a numbered slug and a warning."""
    slugs: dict[Path, str] = {}
    taken: dict[str, Path] = {}
    for path in paths:
        slug = slugify(path.stem)
        if slug in taken:
            n = 2
            while f"{slug[:60]}-{n}" in taken:
                n += 1
            new = f"{slug[:60]}-{n}"
            problems.append(Problem(path.name, f"slug '{slug}' already used by {taken[slug].name}; "
                                    f"this one is '{new}'", severity="warning"))
            slug = new
        taken[slug] = path
        slugs[path] = slug
    return slugs


class KnowledgeError(Exception):
    """A knowledge file that cannot be used; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def unexpected_problem(path: Path, exc: Exception) -> Problem:
    """The problem to report for a posting file that failed in a way load_posting does not foresee."""
    if isinstance(exc, RecursionError):
        return Problem(path.name, "nested too deep to be read: flatten the front matter or the Markdown lists")
    if isinstance(exc, OSError):
        return Problem(path.name, f"cannot read the file: {exc.strerror or exc}")
    return Problem(path.name, f"cannot be loaded ({type(exc).__name__}: {str(exc)[:200]}): fix the file, "
                   "or report the error if the file looks right")


class _BoundedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler with bot.bounded's limits on nesting depth and aliases."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return load_yaml(fm)


def load_posting(path: Path, *, today: dt.date, slug: str | None = None) -> tuple[Posting, list[Problem]]:
    """Read one posting file; raise KnowledgeError with file, line and reason when it cannot be used."""
    name = path.name
    try:
        raw = read_limited(path, MAX_POSTING_BYTES, "a posting")
    except FileTooLarge as exc:
        raise KnowledgeError(Problem(name, str(exc))) from None
    if not raw.strip():
        raise KnowledgeError(Problem(name, "empty file: write YAML front matter between '---' lines, "
                                     "then the posting in Markdown"))
    if b"\x00" in raw[:4096]:
        raise KnowledgeError(Problem(name, "binary data, not a text file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KnowledgeError(Problem(name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): "
                                     "save the file as UTF-8", line=line)) from None
    if not _FRONT_MATTER_START.match(text):
        raise KnowledgeError(Problem(name, "no YAML front matter: the file must start with a '---' line, "
                                     "then keys such as 'title:' and 'open:', then '---'", line=1))
    text = text.removeprefix("\ufeff")
    try:
        post = frontmatter.loads(text, handler=_BoundedYAMLHandler())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        yaml_line: int | None = mark.line + 1 if mark is not None else None  # frontmatter's text starts on line 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise KnowledgeError(Problem(name, f"invalid YAML front matter: {reason}", line=yaml_line)) from None
    except ValueError as exc:
        raise KnowledgeError(Problem(name, f"unreadable front matter: {exc}", line=1)) from None
    meta = post.metadata
    if not isinstance(meta, Mapping) or not meta:
        raise KnowledgeError(Problem(name, "front matter is empty or not a mapping of keys to values", line=2))
    body_offset = text[: len(text) - len(post.content)].count("\n") if post.content else 0
    try:
        sections = parse_body(post.content)
    except TooDeep as exc:
        raise KnowledgeError(Problem(name, str(exc), line=body_offset + 1)) from None
    if not any(s.passages for s in sections):
        raise KnowledgeError(Problem(name, "no text in the body (headings only or empty): "
                                     "write the posting under its headings", line=body_offset + 1))
    return _build_posting(path, meta, sections, today=today, slug=slug or slugify(path.stem), body=post.content)


def _build_posting(path: Path, meta: Mapping[str, Any], sections: tuple[Section, ...], *,
                   today: dt.date, slug: str, body: str = "") -> tuple[Posting, list[Problem]]:
    name = path.name
    warnings: list[Problem] = []
    roles = _strings(meta.get("roles") or meta.get("role") or meta.get("titles"))
    title = _clean_text(_first_string(meta.get("title")) or (roles[0] if roles else ""))
    if not title:
        heading = next((s.title for s in sections if s.title != INTRO), "")
        title = heading or path.stem
        warnings.append(Problem(name, "front matter has no 'title' nor 'roles': add one so candidates "
                                "see what the job is", severity="warning"))
    opened = _date(meta.get("post_ouvert") or meta.get("poste_ouvert"))
    closes = _date(meta.get("poste_ferme"))
    unpublish = _date(meta.get("depublication_date"))
    published = _date(meta.get("date"))
    is_open, closed_reason = _status(meta, closes or unpublish, today)
    contacts = tuple(_strings(meta.get("contact"))) + tuple(_strings(meta.get("contacts")))
    startup = _first_string(meta.get("startup")) or ""
    posting = Posting(
        slug=slug,
        stem=path.stem,
        path=path,
        title=title,
        roles=tuple(_clean_text(r) for r in roles),
        contract=_clean_text(_first_string(meta.get("contrat")) or ""),
        is_open=is_open,
        closed_reason=closed_reason,
        opened_on=opened,
        closes_on=closes,
        published_on=published,
        contacts=contacts,
        external_url=_first_string(meta.get("externalURL") or meta.get("externalUrl")) or "",
        startup=startup,
        team=_first_string(meta.get("equipe")) or "",
        organisation=_first_string(meta.get("friend")) or "",
        products=_products_named(startup, sections, body),
        techno=tuple(_strings(meta.get("techno"))),
        junior=meta.get("junior") if isinstance(meta.get("junior"), bool) else None,
        domains=tuple(_strings(meta.get("domaines") or meta.get("domaine"))),
        sections=sections,
    )
    facts = _facts(posting, unpublish=unpublish, start=len(posting.passages))
    return replace(posting, facts=facts), warnings


# "## Le projet : Mon Psy Santé", "## La start-up : DomiFa": a heading that names the product
_PRODUCT_HEADING = re.compile(r"(?:le projet|le produit|la start ?-?up(?: d'[ée]tat)?|le service)\s*:\s*(\S.*)", re.I)
MAX_PRODUCT_WORDS = 4  # "Le projet : Aider à atteindre l'égalité femmes-hommes..." describes; it names nothing
# "[Administration+](/startups/aplus)", "[RDV-Solidarités](https://beta.gouv.fr/startups/lapins.html)": the name
# candidates know a startup by, which its id may not tell
_STARTUP_LINK = re.compile(r"\[([^\]\n]{2,60})\]\((?:https?://(?:www\.)?beta\.gouv\.fr)?/startups?/([\w.-]+?)(?:\.html)?/?\)")
_LINK_NAME_PREFIX = re.compile(r"^(?:(?:la |le )?(?:start ?-?up|startup)(?: d[’']?[ée]tat)?|(?:le )?produit)\s+", re.I)
_NOT_A_NAME = re.compile(r"\b(?:ici|fiche|page|savoir|lien|site|beta\.gouv|équipe|equipe)\b", re.I)


def _products_named(startup: str, sections: tuple[Section, ...], body: str) -> tuple[str, ...]:
    """The product's names that the body gives: a heading's ("Le projet : Mon Psy Santé") when the front matter
    names no startup, and those of links to the startup's page."""
    names: list[str] = []
    if not startup:
        for section in sections:
            match = _PRODUCT_HEADING.fullmatch(section.title.split(" › ")[-1].strip())
            if match and len(match[1].split()) <= MAX_PRODUCT_WORDS:
                names.append(match[1].strip())
                break
    for text, target in _STARTUP_LINK.findall(body) if startup else ():
        name = _LINK_NAME_PREFIX.sub("", text.strip().strip("*_ "))
        if target.lower() == startup.lower() and 0 < len(name.split()) <= MAX_PRODUCT_WORDS \
                and any(c.isupper() for c in name) and not _NOT_A_NAME.search(name):
            names.append(name)
    return tuple(dict.fromkeys(names))


def _status(meta: Mapping[str, Any], closes: dt.date | None, today: dt.date) -> tuple[bool, str]:
    """Open or closed, and why closed: open: false, poste_pourvu: true, or a closing date past."""
    if _truthy(meta.get("poste_pourvu")):
        return False, "filled"
    status = str(meta.get("status") or "").strip().lower()
    if meta.get("open") is False or _falsy(meta.get("open")) or status in {"closed", "ferme", "fermé"}:
        return False, "closed"
    if closes is not None and closes < today:
        return False, "deadline"
    return True, ""


def _facts(posting: Posting, *, unpublish: dt.date | None, start: int) -> tuple[Passage, ...]:
    """Render front-matter facts as passages a person can read."""
    rows: list[tuple[str, str]] = []
    rows.append(("title", f"Poste : {posting.title}"))
    if posting.contract:
        rows.append(("contract", f"Contrat : {posting.contract}"))
    rows.append(("status", _status_text(posting, unpublish)))
    if posting.opened_on:
        rows.append(("opened", f"Poste ouvert le {posting.opened_on.strftime(_FRENCH_DATE)}"))
    if posting.published_on:
        rows.append(("published", f"Annonce publiée le {posting.published_on.strftime(_FRENCH_DATE)}"))
    if posting.closes_on:
        rows.append(("deadline", f"Date limite de candidature : {posting.closes_on.strftime(_FRENCH_DATE)}"))
    if unpublish:
        rows.append(("unpublish", f"Annonce en ligne jusqu'au {unpublish.strftime(_FRENCH_DATE)}"))
    emails = [c for c in posting.contacts if _EMAIL.fullmatch(c)]
    if emails:
        rows.append(("contact", "Contact : " + ", ".join(emails)))
    if posting.startup:
        rows.append(("team", f"Startup d'État : {posting.startup}"))
    if posting.team:
        rows.append(("team", f"Équipe : {posting.team}"))
    if posting.organisation:
        rows.append(("organisation", f"Structure : {posting.organisation}"))
    if posting.techno:
        rows.append(("techno", "Technologies : " + ", ".join(posting.techno)))
    if posting.junior is not None:
        rows.append(("junior", "Ouvert aux profils juniors : " + ("oui (junior: true)" if posting.junior
                                                                         else "non (junior: false)")))
    if posting.external_url:
        rows.append(("link", f"Annonce complète : {posting.external_url}"))
    return tuple(Passage(text=text, section="Informations du poste", kind=PassageKind.FACT,
                         order=start + i, fact=fact) for i, (fact, text) in enumerate(rows))


def _status_text(posting: Posting, unpublish: dt.date | None = None) -> str:
    if posting.is_open:
        if posting.closes_on:
            return (f"Statut : offre ouverte, candidatures jusqu'au "
                    f"{posting.closes_on.strftime(_FRENCH_DATE)}")
        return "Statut : offre ouverte"
    if posting.closed_reason == "filled":
        return "Statut : offre fermée, le poste est pourvu"
    if posting.closed_reason == "deadline" and posting.closes_on:
        return (f"Statut : offre fermée, la date limite de candidature était le "
                f"{posting.closes_on.strftime(_FRENCH_DATE)}")
    if posting.closed_reason == "deadline" and unpublish:  # depublication_date past, no closing date
        return f"Statut : offre fermée, l'annonce n'est plus en ligne depuis le {unpublish.strftime(_FRENCH_DATE)}"
    return "Statut : offre fermée, elle n'est plus ouverte aux candidatures"


# --- Markdown body ---------------------------------------------------------------------------

_MARKDOWN = markdown_parser()  # configured once, read only
BOLD_LEVEL = 7  # a bold line taken for a heading stands below the six levels of Markdown's


# a heading that states something itself: a label and what it says ("Date de démarrage : janvier 2022"), or an
# e-mail address
_STATING = re.compile(r"\w\s?:\s+\w")
_ADDRESS = re.compile(r"[\w.-]@[\w-]+\.\w")
# a heading written as a sentence, with nothing under it, says something itself: "### L'équipe Lab Agora recherche un
# développeur pour construire la première startup d'État de l'Institut National du Cancer."
_SENTENCE = re.compile(r"^(?:\S+\s+){7,}\S*[.!]$")


def parse_body(markdown: str) -> tuple[Section, ...]:
    """Split a Markdown body into sections (by heading path) of plain-text passages."""
    builder = _SectionBuilder()
    tokens = markdown_tokens(markdown, using=_MARKDOWN)
    list_stack: list[int] = []
    group_counter = 0
    in_item = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            inline = tokens[i + 1]
            linked = any(c.type == "link_open" for c in inline.children or [])
            text = _inline_text(inline)
            if not _addressed_heading(builder, int(tok.tag[1:]), text):
                stating = None if linked else _STATING.search(text)
                label = _clean_heading(text[:stating.start() + 1]) if stating else ""
                says = linked or stating or _SENTENCE.search(text.strip())  # "### L'équipe X recherche ... ."
                builder.heading(int(tok.tag[1:]), _clean_heading(text),
                                alone=_clean_text(text) if says else None, label=label)
            i += 3
            continue
        if kind in {"bullet_list_open", "ordered_list_open"}:
            group_counter += 1
            list_stack.append(group_counter)
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            list_stack.pop()
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "inline" and tokens[i - 1].type == "paragraph_open":
            _add_paragraph(builder, tok, list_stack[-1] if (list_stack and in_item) else -1)
        elif kind in {"html_block", "fence", "code_block"}:
            text = _clean_text(_html_text(tok.content)) if kind == "html_block" else tok.content
            builder.passage(_SPACES.sub(" ", text).strip(), PassageKind.PARAGRAPH, -1)
        elif kind == "tr_open":
            cells: list[str] = []
            j = i + 1
            while tokens[j].type != "tr_close":
                if tokens[j].type == "inline":
                    cells.append(_clean_text(_inline_text(tokens[j])))
                j += 1
            builder.passage(" | ".join(c for c in cells if c), PassageKind.PARAGRAPH, -1)
            i = j
        i += 1
    return builder.sections()


def _addressed_heading(builder: _SectionBuilder, level: int, text: str) -> bool:
    """Open a heading that holds an e-mail address ("## Pour postuler : envoie ton CV à x@y.fr", or the same
    line in bold) under its label, and read it as a line too: whatever comes under it (a word on diversity), it
    says where to write. False when the heading holds no address, or is a bold line with no label."""
    if _ADDRESS.search(text) is None:
        return False
    stating = _STATING.search(text)
    label = _clean_heading(text[:stating.start() + 1]) if stating else ""
    if not label and level == BOLD_LEVEL:  # "**Envoyez votre CV à x@y**": a bold line, read as such (a line when
        return False  # nothing comes under it)
    builder.heading(level, label or _clean_heading(text), label=label)
    builder.passage(_clean_text(text), PassageKind.PARAGRAPH, -1)
    return True


def _add_paragraph(builder: _SectionBuilder, inline: Token, group: int) -> None:
    """Add a paragraph; a short line that is all bold acts as a heading, and so does a bold lead
    ending with ':' ("**Savoir faire :** ..."); a paragraph that starts with a bullet character
    ("• ...", "\\- ...") is a list item written without Markdown list syntax."""
    if group < 0 and _is_bold_heading(inline):
        text = _inline_text(inline)
        if not _addressed_heading(builder, BOLD_LEVEL, text):
            builder.heading(BOLD_LEVEL, _clean_heading(text), alone=_clean_heading(text))
        return
    lead, rest = _bold_lead(inline) if group < 0 else ("", None)
    if lead and rest is not None:
        builder.heading(BOLD_LEVEL, _clean_heading(lead))
        text = _clean_text(rest)
    else:
        text = _clean_text(_inline_text(inline))
    inline_lead = _INLINE_LEAD.match(text) if group < 0 and not lead and _HAS_BULLET.search(text) else None
    if inline_lead:  # "Savoir faire : • Animer ... • Savoir ..." written on one line
        builder.heading(BOLD_LEVEL, _clean_heading(inline_lead.group(1)))
        text = text[inline_lead.end():]
    if group < 0 and _BULLET.match(text):
        lines = [line for line in _inline_text(inline, breaks="\n").split("\n") if line.strip()]
        if not lead and len(lines) > 1 and all(_BULLET.match(line) for line in lines):
            items = [_clean_text(line) for line in lines]  # "\- a" and "\- b" on lines of their own
        else:
            items = _BULLET_SPLIT.split(text)
        for item in items:
            builder.passage(_BULLET.sub("", item), PassageKind.ITEM, builder.loose_group())
        return
    builder.end_loose_group()
    if group < 0 and not lead:
        lines = [_clean_text(line) for line in _inline_text(inline, breaks="\n").split("\n") if line.strip()]
        labelled = sum(bool(_LABELLED.match(line)) for line in lines)
        if labelled >= 2 and labelled * 2 > len(lines):
            # "Durée : 6 mois" / "TJM : 500 €" / "Début : dès que possible", one per line: a list in all but name
            for line in lines:
                builder.passage(line, PassageKind.ITEM, builder.loose_group())
            builder.end_loose_group()
            return
    builder.passage(text, PassageKind.ITEM if group >= 0 else PassageKind.PARAGRAPH, group)


def _bold_lead(inline: Token) -> tuple[str, str | None]:
    """Split "**Lead :** rest" into its bold lead and the rest, when the lead ends with ':'."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if len(children) < 3 or children[0].type != "strong_open":
        return "", None
    for n, child in enumerate(children):
        if child.type == "strong_close":
            lead = "".join(c.content for c in children[1:n] if c.type in {"text", "code_inline"}).strip()
            rest_token = Token("inline", children=children[n + 1:])
            rest = _inline_text(rest_token)
            if lead.endswith(":") and rest.strip(" :") and len(lead) <= 60:
                return lead, rest
            return "", None
    return "", None


def _is_bold_heading(inline: Token) -> bool:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    if any(c.type == "strong_open" for c in children[1:]):
        return False
    text = _inline_text(inline).strip()
    # "**Date de début — Octobre 2020**" states a fact (a label and its value): a line, not a heading
    return 0 < len(text) <= 100 and not text.endswith((".", "!")) and not _LABEL_AND_VALUE.search(text)


_LABEL_AND_VALUE = re.compile(r"\w\s+[—–:]\s+\w")


def _inline_text(inline: Token, *, breaks: str = " ") -> str:
    parts: list[str] = []
    target = ""
    start = 0
    for child in inline.children or []:
        html_link = _HTML_LINK_OPEN.match(child.content) if child.type == "html_inline" else None
        if child.type == "link_open" or html_link:
            href = html_link.group(1) if html_link else str((child.attrs or {}).get("href", ""))
            target = _link_target(href)
            start = len(parts)
        elif (child.type == "link_close" or (child.type == "html_inline" and child.content.lower() == "</a>")) \
                and target:
            parts.append(_shown_target("".join(parts[start:]), target))
            target = ""
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(breaks)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            parts.append(" ")
    return "".join(parts)


_LINK_TARGET = re.compile(r" \(https?://[^)\s]*\)")
_HTML_LINK_OPEN = re.compile(r"""<a\s[^>]{0,500}?\bhref\s*=\s*["']([^"'>]{1,2000})["'][^>]{0,500}>""", re.IGNORECASE)
_HTML_LINK = re.compile(r"""<a\s[^>]{0,500}?\bhref\s*=\s*["']([^"'>]{1,2000})["'][^>]{0,500}>(.{0,500}?)</a>""",
                        re.IGNORECASE | re.DOTALL)


def _link_target(href: str) -> str:
    """What a link leads to, as a candidate can follow it: a web address, or the email of a "mailto:"; "" for a
    relative link or an anchor, which say nothing outside the page."""
    href = href.strip()
    if href.lower().startswith("mailto:"):
        return href[7:].split("?")[0]
    return href if href.lower().startswith(("http://", "https://")) else ""


def _shown_target(shown: str, target: str) -> str:
    """The target to write after a link's text, unless the text already shows it ([écrivez-nous](mailto:x@y)
    gets it, [x@y](mailto:x@y) does not)."""
    return f" ({target})" if target and _bare(target) not in _bare(shown) else ""


def _html_text(html: str) -> str:
    """An HTML block's text, its links kept as "text (target)" ('<a href="https://...">Postuler ici</a>'),
    its other tags dropped."""
    def link(match: re.Match[str]) -> str:
        shown = _HTML_TAG.sub(" ", match.group(2))
        return shown + _shown_target(shown, _link_target(html_unescape(match.group(1))))
    return _HTML_TAG.sub(" ", _HTML_LINK.sub(link, html))


def _bare(address: str) -> str:
    """An address without its scheme, "www." and final slash, lower case: how links are compared."""
    address = address.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return address.rstrip("/")


def _clean_text(text: str) -> str:
    if ":" in text:
        text = _SHORTCODE.sub("", text)
    if "*" in text or "_" in text or "\\" in text:
        text = _STRAY_MARKUP.sub("", text)
        text = _TRAILING_BACKSLASH.sub("", text)
    return " ".join(text.split())


def _clean_heading(text: str) -> str:
    text = _clean_text(_LINK_TARGET.sub("", text))  # a heading names a section; its link goes nowhere useful
    text = "".join(c for c in text if not _is_symbol(c))
    return _SPACES.sub(" ", text).strip(" :-–—.#*").strip()


def _is_symbol(char: str) -> bool:
    """An emoji, a pictogram, an arrow, or what joins and styles them (zero-width joiner, variation selector)."""
    code = ord(char)
    return code in (0xFE0F, 0x200D) or code >= 0x1F000 or 0x2190 <= code <= 0x2BFF


class _SectionBuilder:
    """Accumulates passages under the current heading path."""

    def __init__(self) -> None:
        self._path: list[tuple[int, str]] = []
        self._current: list[Passage] = []
        self._sections: list[Section] = []
        self._order = 0
        self._loose: int | None = None
        # a heading that may say something itself: its title, its text as a line, the order it came at and the
        # label the line stands under ("" for the section around it)
        self._alone: tuple[str, str, int, str] | None = None
        # a bold question heading ("**Quelle est l'expérience recherchée ?**") and the group of its first line
        self._question: tuple[str, int | None] | None = None
        self.title = INTRO

    def heading(self, level: int, title: str, *, alone: str | None = None, label: str = "") -> None:
        """Open a section; `alone` is what the heading says as a line of its own when nothing comes under it
        (a bold line taken for a heading, a heading that is a link); with a `label` (a heading that states
        something: "Pour postuler : envoie ton CV à ..."), that line stands under the label instead."""
        if not title:
            return
        self._heading_alone()
        self._loose = None
        self._flush()
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self._path.append((level, title))
        self._retitle()
        self._alone = (title, alone, self._order, label) if alone else None
        self._question = (title, None) if level == BOLD_LEVEL and title.endswith("?") else None

    def _answered_question(self, group: int) -> None:
        """A bold question heads its answer only: the paragraph, or the list, right under it. The lines after
        it come back under the section it stands in (a FAQ's last question does not head the page's end)."""
        if self._question is None:
            return
        title, first_group = self._question
        if first_group is None:
            self._question = (title, group)
            return
        if first_group >= 0 and group == first_group:
            return  # the list that answers it goes on
        self._question = None
        self._leave(title)

    def _heading_alone(self) -> None:
        """A heading with nothing under it before the next heading or the end says something itself, when it
        is a bold line ("**Poste à pourvoir dès que possible**") or a link ("### [Candidatez sur le site de
        l'Incubateur](https://...)"): it becomes a line of the section it stands in."""
        if self._alone is None:
            return
        title, text, order, label = self._alone
        self._alone = None
        if self._order != order or not self._path or self._path[-1][1] != title:
            return  # lines came under it: a heading indeed
        if label:
            self._path[-1] = (self._path[-1][0], label)
            self._retitle()
        else:
            self._leave(title)
        self.passage(text, PassageKind.PARAGRAPH, -1)

    def _leave(self, title: str) -> bool:
        """Close the innermost heading when it is this one, its lines so far kept under it; the lines that follow
        stand under the heading around it."""
        if not self._path or self._path[-1][1] != title:
            return False
        self._flush()
        self._path.pop()
        self._retitle()
        return True

    def _retitle(self) -> None:
        self.title = " › ".join(t for _, t in self._path) or INTRO

    def loose_group(self) -> int:
        """A group number for bullet paragraphs that follow each other."""
        if self._loose is None:
            self._loose = 100000 + self._order
        return self._loose

    def end_loose_group(self) -> None:
        self._loose = None

    def passage(self, text: str, kind: PassageKind, group: int) -> None:
        if not text or (not text[0].isalnum() and not any(c.isalnum() for c in text)):
            return
        self._answered_question(group)
        self._current.append(Passage(text=text, section=self.title, kind=kind, group=group, order=self._order))
        self._order += 1

    def _flush(self) -> None:
        if self._current:
            path = tuple(t for _, t in self._path) or (INTRO,)
            self._sections.append(Section(title=self.title, path=path, passages=tuple(self._current)))
            self._current = []

    def sections(self) -> tuple[Section, ...]:
        self._heading_alone()
        self._flush()
        return tuple(self._sections)


# --- front-matter values ---------------------------------------------------------------------

def _strings(value: Any) -> list[str]:
    if value is None or value is False:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]\s*|\s+et\s+", value) if v.strip()] if "@" in value \
            else [value.strip()] if value.strip() else []
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def _first_string(value: Any) -> str | None:
    values = _strings(value)
    return ", ".join(values) if values else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(text[:10], fmt).date()
            except ValueError:
                continue
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in {"true", "oui", "yes"})


def _falsy(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in {"false", "non", "no"}


def _looks_like_posting(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(512)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"---")


def emails_in(text: str) -> list[str]:
    """Email addresses found in a text, in order, without duplicates."""
    if "@" not in text:  # most lines: no need to try the pattern at every character
        return []
    return list(dict.fromkeys(m.group(0).rstrip(".") for m in _EMAIL.finditer(text)))
