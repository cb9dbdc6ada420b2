"""Who a forwarded question goes to: contact resolution, the contacts directory, seeds and real postings."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import frontmatter
import pytest

from bot.contacts import (
    TEAM_LABEL,
    Contact,
    ContactsError,
    Directory,
    default_directory_path,
    is_application_section,
    load_directory,
    resolve_contact,
)
from bot.knowledge import emails_in, load_posting, load_postings
from bot.models import Posting, Section

TODAY = dt.date(2026, 11, 23)
SEEDS = Path(__file__).resolve().parents[1] / "knowledge" / "postings"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
JEANNE = Directory({"jeanne.martin": "jeanne.martin@example.org"})


def posting(tmp_path: Path, front_matter: str, body: str = "## Mission\n\nConstruire un service public.") -> Posting:
    """A posting loaded from a small file written to tmp_path."""
    path = tmp_path / "2026-11-01-poste.md"
    path.write_text(f"---\ntitle: Développeur·se\n{front_matter.strip()}\n---\n\n{body.strip()}\n", encoding="utf-8")
    return load_posting(path, today=TODAY)[0]


def directory_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def directory_error(path: Path) -> str:
    """The message of the ContactsError that loading the directory file raises."""
    with pytest.raises(ContactsError) as error:
        load_directory(path)
    return str(error.value)


# --- resolution steps on synthetic postings ---------------------------------------------------------------


def test_a_contact_email_in_the_front_matter_is_used_first(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contact: equipe@example.org\ncontacts: paul@example.org",
                                    "## Candidater\n\nÉcrire à autre@example.org"), JEANNE, default="d@example.org")
    assert found == Contact("equipe@example.org", "contact", "equipe@example.org")


def test_a_contacts_email_is_used_when_contact_is_not_an_email(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contact: Jeanne Martin\ncontacts: paul@example.org"), Directory.empty())
    assert found == Contact("paul@example.org", "contacts", "paul@example.org")


def test_a_contacts_email_wins_over_a_member_id_the_directory_maps(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: [jeanne.martin, paul@example.org]"), JEANNE)
    assert (found.email, found.source) == ("paul@example.org", "contacts")


def test_a_contacts_email_without_a_contact_key_counts_as_contact(tmp_path: Path) -> None:
    """Posting merges `contact` and `contacts`, so a first address is taken for the `contact` one."""
    found = resolve_contact(posting(tmp_path, "contacts: paul@example.org"), Directory.empty())
    assert (found.email, found.source) == ("paul@example.org", "contact")


def test_a_member_id_is_mapped_by_the_directory(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: jeanne.martin"), JEANNE)
    assert found == Contact("jeanne.martin@example.org", "directory", TEAM_LABEL)


@pytest.mark.parametrize("member_id", ["Jeanne.Martin", "jeanne-martin", "JEANNE_MARTIN", "jeannemartin"])
def test_a_member_id_matches_the_directory_ignoring_case_dots_and_dashes(tmp_path: Path, member_id: str) -> None:
    found = resolve_contact(posting(tmp_path, f"contacts: {member_id}"), JEANNE)
    assert (found.email, found.source) == ("jeanne.martin@example.org", "directory")


def test_a_directory_address_wins_over_an_address_in_the_text(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: jeanne.martin", "## Candidater\n\nÉcrire à rh@example.org"),
                            JEANNE)
    assert found.source == "directory"


def test_an_unknown_member_id_falls_through_to_the_text(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: paul.durand", "## Postuler\n\nÉcrire à rh@example.org"),
                            JEANNE)
    assert found == Contact("rh@example.org", "text", "rh@example.org")


@pytest.mark.parametrize("heading", ["Candidater", "Postuler", "Candidature", "Comment postuler ?", "Contact",
                                     "Nous contacter", "Modalités de candidature", "Pour candidater",
                                     "Processus de recrutement", "Intéressé·e ?"])
def test_an_application_section_address_wins_over_an_earlier_one_in_the_body(tmp_path: Path, heading: str) -> None:
    body = f"## Le projet\n\nLes usagers écrivent à support@example.org.\n\n## {heading}\n\nÉcrire à rh@example.org"
    found = resolve_contact(posting(tmp_path, "open: true", body), Directory.empty())
    assert (found.email, found.source) == ("rh@example.org", "text")


def test_an_address_anywhere_in_the_body_is_used_when_no_application_section_gives_one(tmp_path: Path) -> None:
    body = "## Modalités\n\nIndépendants ; écrivez à equipe@example.org\n\n## Candidater\n\nVia le site."
    found = resolve_contact(posting(tmp_path, "open: true", body), Directory.empty())
    assert (found.email, found.source) == ("equipe@example.org", "text")


def test_headings_that_only_look_like_contact_are_not_application_sections() -> None:
    for title in ("Contexte", "Modalités de travail", "Profil du candidat", "Conditions"):
        assert not is_application_section(Section(title=title, path=(title,), passages=()))


def test_a_heading_above_the_section_makes_it_an_application_section() -> None:
    assert is_application_section(Section(title="Candidater › Pièces", path=("Candidater", "Pièces"), passages=()))


def test_the_default_is_used_when_the_posting_gives_no_address(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: paul.durand"), JEANNE, default=" Recrutement@Example.org ")
    assert found == Contact("recrutement@example.org", "default", TEAM_LABEL)


def test_an_address_in_the_posting_wins_over_the_default(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "open: true", "## Contact\n\nrh@example.org"), Directory.empty(),
                            default="recrutement@example.org")
    assert found.source == "text"


def test_nobody_is_reachable_without_an_address_or_a_default(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "contacts: paul.durand"), JEANNE)
    assert found == Contact("", "none", "")
    assert not found.reachable


def test_an_invalid_default_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="default contact 'recrutement' is not an email address"):
        resolve_contact(posting(tmp_path, "open: true"), Directory.empty(), default="recrutement")


def test_a_front_matter_email_is_lower_cased_and_stripped_of_mailto_and_punctuation(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, 'contact: "MAILTO:Jeanne.Martin@Example.ORG."'), Directory.empty())
    assert found.email == "jeanne.martin@example.org"


def test_a_front_matter_email_with_a_name_around_it_is_found(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, 'contact: "Jeanne Martin <Jeanne.Martin@example.org>"'),
                            Directory.empty())
    assert (found.email, found.source) == ("jeanne.martin@example.org", "contact")


def test_an_email_in_the_text_is_lower_cased_and_stripped_of_trailing_punctuation(tmp_path: Path) -> None:
    found = resolve_contact(posting(tmp_path, "open: true", "## Postuler\n\nÉcrivez à RH@Example.org."),
                            Directory.empty())
    assert found.email == "rh@example.org"


# --- the directory file -----------------------------------------------------------------------------------


def test_a_missing_directory_file_is_an_empty_directory(tmp_path: Path) -> None:
    assert load_directory(tmp_path / "absent.yaml") == Directory.empty()


def test_an_empty_directory_file_is_an_empty_directory(tmp_path: Path) -> None:
    assert load_directory(directory_file(tmp_path, "# nobody yet\nmembers:\n")) == Directory.empty()


def test_a_valid_directory_maps_its_members(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "members:\n  jeanne.martin: Jeanne.Martin@Example.org\n"
                                    "  paul.durand: mailto:paul.durand@example.org\n")
    directory = load_directory(path)
    assert dict(directory.members) == {"jeanne.martin": "jeanne.martin@example.org",
                                       "paul.durand": "paul.durand@example.org"}
    assert directory.email_of("Paul-Durand") == "paul.durand@example.org"


def test_the_bundled_directory_holds_only_fictional_example_org_members() -> None:
    directory = load_directory(default_directory_path())
    assert len(directory.members) == 2
    assert all(email.endswith("@example.org") for email in directory.members.values())


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "members:\n  jeanne.martin: j@example.org\n   paul.durand: p@example.org\n")
    assert directory_error(path).startswith(f"{path}:3: invalid YAML: mapping values are not allowed")


def test_a_member_mapped_to_a_non_email_names_the_member_and_line(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "members:\n  jeanne.martin: jeanne.martin@example.org\n  paul.durand: Paul\n")
    assert directory_error(path).startswith(f"{path}:3: member 'paul.durand': 'Paul' is not an email address")


def test_a_member_mapped_to_a_list_is_refused_naming_the_member(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "members:\n  paul.durand: [paul@example.org]\n")
    with pytest.raises(ContactsError, match=r"member 'paul\.durand'.*is not an email address"):
        load_directory(path)


def test_a_directory_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "- jeanne.martin@example.org\n")
    assert directory_error(path).startswith(f"{path}:1: the file must be a mapping with a 'members:' mapping")


def test_members_written_at_the_top_level_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "jeanne.martin: jeanne.martin@example.org\n")
    with pytest.raises(ContactsError, match=r"unknown key 'jeanne\.martin': the file holds a 'members:' mapping"):
        load_directory(path)


def test_two_spellings_of_one_member_id_are_refused(tmp_path: Path) -> None:
    path = directory_file(tmp_path, "members:\n  jeanne.martin: a@example.org\n  Jeanne-Martin: b@example.org\n")
    with pytest.raises(ContactsError, match=r":3: member 'Jeanne-Martin' is the same id as 'jeanne.martin' \(line 2\)"):
        load_directory(path)


def test_a_directory_built_in_code_refuses_a_non_email() -> None:
    with pytest.raises(ValueError, match="member 'paul': 'paul' is not an email address"):
        Directory({"paul": "paul"})


# --- the seed postings ------------------------------------------------------------------------------------


def seed(name: str) -> Posting:
    return load_posting(SEEDS / name, today=TODAY)[0]


def test_the_sicoval_seed_resolves_to_its_front_matter_contact() -> None:
    found = resolve_contact(seed("2021-08-30-sicoval-pm.md"), load_directory(default_directory_path()))
    assert (found.email, found.source) == ("marie.bernard@anct.gouv.fr", "contact")


PORTFOLIO = "2022-05-12-charge-e.de.portefeuille.data.a.lincubateur.des.territoires.md"


def test_the_seed_without_contact_uses_the_default_when_given() -> None:
    found = resolve_contact(seed(PORTFOLIO), Directory.empty(), default="recrutement@example.org")
    assert found == Contact("recrutement@example.org", "default", TEAM_LABEL)


def test_the_seed_without_contact_reaches_nobody_without_a_default() -> None:
    assert resolve_contact(seed(PORTFOLIO), Directory.empty()) == Contact("", "none", "")


# --- the shared corpus of real postings (read in place, never copied) -------------------------------------


Entry = tuple[Mapping[str, Any], Posting]


@pytest.fixture(scope="module")
def corpus() -> list[Entry]:
    """Each loadable corpus posting with its raw front matter."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus ({CORPUS}) is not available")
    loaded = load_postings(CORPUS, today=TODAY)
    return [(frontmatter.load(p.path).metadata, p) for p in loaded.postings]


def values(meta: Mapping[str, Any], key: str) -> list[str]:
    """A raw front-matter value as a list of strings."""
    raw = meta.get(key)
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    return [str(item).strip() for item in items if str(item).strip()]


def has_email(texts: list[str]) -> bool:
    return any(emails_in(text) for text in texts)


def body_emails(found: Posting, *, application: bool | None = None) -> list[str]:
    return [e.lower() for s in found.sections if application is None or is_application_section(s) == application
            for p in s.passages for e in emails_in(p.text)]


def member_only(meta: Mapping[str, Any]) -> bool:
    """`contacts` holds member ids and the front matter holds no address."""
    ids = values(meta, "contacts")
    return bool(ids) and not has_email(ids) and not has_email(values(meta, "contact"))


def first(corpus: list[Entry], kind: str, wanted: Any) -> Entry:
    entry = next((e for e in corpus if wanted(*e)), None)
    if entry is None:
        pytest.skip(f"no corpus posting has {kind}")
    return entry


def test_a_corpus_posting_with_a_contact_email_resolves_to_contact(corpus: list[Entry]) -> None:
    _, found = first(corpus, "a `contact` email", lambda m, p: has_email(values(m, "contact")))
    assert resolve_contact(found, Directory.empty()).source == "contact"


def test_a_corpus_posting_with_only_member_ids_resolves_through_the_directory_that_maps_them(
        corpus: list[Entry]) -> None:
    meta, found = first(corpus, "`contacts` member ids and no email", lambda m, p: member_only(m))
    directory = Directory({values(meta, "contacts")[0]: "membre@example.org"})
    assert resolve_contact(found, directory) == Contact("membre@example.org", "directory", TEAM_LABEL)


def test_a_corpus_posting_with_only_member_ids_falls_through_to_its_text_without_directory(
        corpus: list[Entry]) -> None:
    _, found = first(corpus, "`contacts` member ids and no email, with an address in the body",
                        lambda m, p: member_only(m) and body_emails(p))
    assert resolve_contact(found, Directory.empty()).source == "text"


def test_a_corpus_posting_with_a_contacts_email_resolves_to_it(corpus: list[Entry]) -> None:
    meta, found = first(corpus, "a `contacts` email and no `contact` email",
                        lambda m, p: has_email(values(m, "contacts")) and not has_email(values(m, "contact")))
    resolved = resolve_contact(found, Directory.empty())
    assert resolved.email == emails_in(" ".join(values(meta, "contacts")))[0].lower()
    # a `contact` value that is not an address comes first in Posting.contacts; without one, the address leads
    assert resolved.source == ("contacts" if values(meta, "contact") else "contact")


def test_a_corpus_posting_with_an_email_only_in_its_application_section_resolves_to_it(
        corpus: list[Entry]) -> None:
    _, found = first(
        corpus, "an email only in its application section",
        lambda m, p: not has_email(values(m, "contact") + values(m, "contacts"))
        and body_emails(p, application=True) and not body_emails(p, application=False))
    resolved = resolve_contact(found, Directory.empty())
    assert (resolved.email, resolved.source) == (body_emails(found, application=True)[0], "text")


def test_every_corpus_posting_resolves_without_error(corpus: list[Entry]) -> None:
    directory = load_directory(default_directory_path())
    sources = collections.Counter(resolve_contact(p, directory).source for _, p in corpus)
    with_default = collections.Counter(resolve_contact(p, directory, default="r@example.org").source
                                       for _, p in corpus)
    assert sum(sources.values()) == len(corpus) > 500
    assert set(sources) <= {"contact", "contacts", "directory", "text", "none"}
    assert with_default["default"] == sources["none"]
    assert with_default["none"] == 0


def test_corpus_postings_with_member_ids_and_no_email_resolve_to_text_or_none_unless_mapped(
        corpus: list[Entry]) -> None:
    members = [(m, p) for m, p in corpus if member_only(m)]
    assert members
    mapped_id = values(members[0][0], "contacts")[0]
    for directory in (load_directory(default_directory_path()), Directory({mapped_id: "membre@example.org"})):
        for meta, found in members:
            resolved = resolve_contact(found, directory)
            if any(directory.email_of(member) for member in values(meta, "contacts")):
                assert resolved.source == "directory", found.stem
            else:
                assert resolved.source == ("text" if body_emails(found) else "none"), found.stem
