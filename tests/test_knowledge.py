"""The posting loader (bot/knowledge.py), described by example.

Postings are Markdown files with YAML front matter, written by many hands over the years: the loader
must turn each one into a Posting of Sections of plain-text Passages, render the front matter as
sentences a person can read, give every posting a slug usable in a Telegram deep link, and report
(never crash on) a file it cannot read, while every other file still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.knowledge import (
    INTRO,
    KnowledgeError,
    LoadResult,
    assign_slugs,
    load_posting,
    load_postings,
    parse_body,
    posting_files,
)
from bot.models import PassageKind, Posting, Problem
from bot.text import slugify

SEEDS = Path(__file__).resolve().parents[1] / "knowledge" / "postings"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_SIZE = 526  # .md files in the shared corpus
CORPUS_FILE_WITHOUT_EXTENSION = "2022-07-28-UX-mon-entreprise"

SICOVAL = "2021-08-30-sicoval-pm.md"
PORTEFEUILLE = "2022-05-12-charge-e.de.portefeuille.data.a.lincubateur.des.territoires.md"

# Telegram deep links (t.me/<bot>?start=<slug>) accept 1 to 64 characters of this alphabet.
DEEP_LINK_SAFE = re.compile(r"[A-Za-z0-9_-]{1,64}")

TODAY = dt.date(2024, 1, 15)
GOOD_BODY = "## Missions\n\nConcevoir le service avec les agents.\n"


# --- helpers ---------------------------------------------------------------------------------


def write(folder: Path, name: str, body: str = GOOD_BODY, front: str = "title: Chargé·e de mission\n") -> Path:
    """Write a posting file (front matter, then body) into folder and return its path."""
    path = folder / name
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def load_one(folder: Path, name: str, body: str = GOOD_BODY, front: str = "title: Chargé·e de mission\n",
             today: dt.date = TODAY) -> Posting:
    """Write one posting file and load it."""
    posting, _warnings = load_posting(write(folder, name, body, front), today=today)
    return posting


def texts(posting: Posting, section: str) -> list[str]:
    """The passage texts of one section of a posting, by its full title."""
    return [p.text for s in posting.sections if s.title == section for p in s.passages]


def section_titles(posting: Posting) -> list[str]:
    return [s.title for s in posting.sections]


def fact(posting: Posting, name: str) -> list[str]:
    """The texts of the front-matter facts of one kind ("contract", "deadline", ...)."""
    return [f.text for f in posting.facts if f.fact == name]


def errors(result: LoadResult) -> list[Problem]:
    return [p for p in result.problems if p.severity == "error"]


def warnings_of(result: LoadResult) -> list[Problem]:
    return [p for p in result.problems if p.severity == "warning"]


def by_name(result: LoadResult) -> dict[str, Posting]:
    return {p.path.name: p for p in result.postings}


@pytest.fixture(scope="module")
def sicoval() -> Posting:
    """The first seed, loaded long after its deadline."""
    posting, _ = load_posting(SEEDS / SICOVAL, today=TODAY)
    return posting


@pytest.fixture(scope="module")
def portefeuille() -> Posting:
    """The second seed (closed with open: false)."""
    posting, _ = load_posting(SEEDS / PORTEFEUILLE, today=TODAY)
    return posting


# --- seed 1: 2021-08-30-sicoval-pm.md --------------------------------------------------------


def test_the_bundled_seeds_load_without_any_problem() -> None:
    result = load_postings(SEEDS, today=TODAY)
    assert result.problems == ()
    assert sorted(p.path.name for p in result.postings) == sorted([SICOVAL, PORTEFEUILLE])


def test_sicoval_is_closed_by_its_past_deadline_although_front_matter_says_open(sicoval: Posting) -> None:
    assert sicoval.closes_on == dt.date(2021, 9, 30)
    assert sicoval.is_open is False
    assert sicoval.closed_reason == "deadline"
    assert fact(sicoval, "status") == ["Statut : offre fermée, la date limite de candidature était le 30/09/2021"]


def test_sicoval_is_open_before_its_deadline() -> None:
    posting, _ = load_posting(SEEDS / SICOVAL, today=dt.date(2021, 9, 1))
    assert posting.is_open is True
    assert posting.closed_reason == ""
    assert fact(posting, "status") == ["Statut : offre ouverte, candidatures jusqu'au 30/09/2021"]


def test_sicoval_is_still_open_on_the_deadline_day_itself() -> None:
    posting, _ = load_posting(SEEDS / SICOVAL, today=dt.date(2021, 9, 30))
    assert posting.is_open is True


def test_sicoval_is_closed_the_day_after_its_deadline() -> None:
    posting, _ = load_posting(SEEDS / SICOVAL, today=dt.date(2021, 10, 1))
    assert (posting.is_open, posting.closed_reason) == (False, "deadline")


def test_sicoval_sections_follow_its_headings_with_an_introduction_first(sicoval: Posting) -> None:
    assert section_titles(sicoval) == [
        "Introduction", "Contexte et problème", "Missions", "Compétences", "Modalités", "Candidater",
    ]


def test_sicoval_text_before_the_first_heading_is_its_introduction(sicoval: Posting) -> None:
    intro = texts(sicoval, INTRO)
    assert len(intro) == 2
    assert intro[0].startswith("L'Incubateur des Territoires accompagne une collectivité territoriale")
    assert intro[1].startswith("Ce projet ambitieux nécessite une phase de préfiguration")


def test_sicoval_list_items_are_separate_item_passages_of_one_group(sicoval: Posting) -> None:
    missions = next(s for s in sicoval.sections if s.title == "Missions")
    items = [p for p in missions.passages if p.kind is PassageKind.ITEM]
    assert len(items) == 5
    assert items[0].text.startswith("Comprendre l'existant en matière de jumeau numérique")
    assert items[-1].text.startswith("Aider à définir un éventuel modèle économique")
    assert len({p.group for p in items}) == 1
    assert items[0].group >= 0


def test_sicoval_paragraphs_around_a_list_stay_paragraphs(sicoval: Posting) -> None:
    missions = next(s for s in sicoval.sections if s.title == "Missions")
    assert missions.passages[0].kind is PassageKind.PARAGRAPH
    assert missions.passages[0].text.startswith("Interlocuteur privilégié")
    assert missions.passages[-1].kind is PassageKind.PARAGRAPH
    assert missions.passages[-1].text.startswith("Le livrable principal")


def test_sicoval_two_lists_get_two_different_groups(sicoval: Posting) -> None:
    groups = {s.title: {p.group for p in s.passages if p.kind is PassageKind.ITEM} for s in sicoval.sections}
    assert len(groups["Compétences"]) == 1
    assert len(groups["Modalités"]) == 1
    assert groups["Compétences"] != groups["Modalités"]


def test_sicoval_passages_are_numbered_in_reading_order(sicoval: Posting) -> None:
    orders = [p.order for p in sicoval.passages]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)


def test_a_markdown_link_keeps_its_text_and_shows_its_address(sicoval: Posting) -> None:
    candidater = texts(sicoval, "Candidater")
    assert "le tout en remplissant ce formulaire (https://incubateur.anct.gouv.fr/recrutements/" in candidater[0]
    assert "](" not in candidater[0]


def test_a_link_whose_text_is_its_address_is_not_repeated() -> None:
    sections = parse_body("## Candidater\n\nPostulez sur [www.example.org/jobs](https://www.example.org/jobs/) "
                          "ou [ici](https://example.org/form).\n")
    assert sections[0].passages[0].text == ("Postulez sur www.example.org/jobs ou ici (https://example.org/form).")


def test_a_link_in_a_heading_is_not_shown() -> None:
    sections = parse_body("## [Le projet](https://pad.example.org/#projet)\n\nUn service.\n")
    assert sections[0].title == "Le projet"


def test_sicoval_front_matter_facts_are_rendered_for_humans(sicoval: Posting) -> None:
    assert fact(sicoval, "title") == ["Poste : un.e chef·fe de projet"]
    assert fact(sicoval, "contract") == ["Contrat : indépendant/freelance"]
    assert fact(sicoval, "deadline") == ["Date limite de candidature : 30/09/2021"]
    assert fact(sicoval, "opened") == ["Poste ouvert le 30/08/2021"]
    assert fact(sicoval, "contact") == ["Contact : marie.bernard@anct.gouv.fr"]
    assert fact(sicoval, "team") == ["Équipe : Sosie Virtuel Projectif"]
    assert fact(sicoval, "organisation") == ["Structure : Incubateur des Territoires"]


def test_front_matter_facts_come_after_the_body_in_a_section_of_their_own(sicoval: Posting) -> None:
    assert sicoval.passages[-len(sicoval.facts):] == sicoval.facts
    assert {f.section for f in sicoval.facts} == {"Informations du poste"}
    assert {f.kind for f in sicoval.facts} == {PassageKind.FACT}


def test_sicoval_contacts_and_external_url_are_read_from_front_matter(sicoval: Posting) -> None:
    url = ("https://incubateur.anct.gouv.fr/recrutements/"
           "sosie-virtuel-projectif-chef-fe-de-projet-41cae01d138a1080fb9ab09b117074aa/")
    assert sicoval.contacts == ("marie.bernard@anct.gouv.fr",)
    assert sicoval.external_url == url
    assert fact(sicoval, "link") == [f"Annonce complète : {url}"]


def test_title_key_wins_over_roles_key(sicoval: Posting) -> None:
    assert sicoval.title == "un.e chef·fe de projet"
    assert sicoval.roles == ("Chef·fe de projet",)


def test_a_short_file_name_is_its_own_slug(sicoval: Posting) -> None:
    assert sicoval.slug == "2021-08-30-sicoval-pm"
    assert sicoval.stem == "2021-08-30-sicoval-pm"


# --- seed 2: 2022-05-12-charge-e.de.portefeuille... ------------------------------------------


def test_portefeuille_is_closed_by_open_false() -> None:
    posting, _ = load_posting(SEEDS / PORTEFEUILLE, today=dt.date(2022, 5, 23))
    assert posting.is_open is False
    assert posting.closed_reason == "closed"
    assert fact(posting, "status") == ["Statut : offre fermée, elle n'est plus ouverte aux candidatures"]


def test_portefeuille_title_comes_from_roles_when_there_is_no_title(portefeuille: Posting) -> None:
    assert portefeuille.title == "Chargé.e de portefeuille à l'Incubateur des Territoires"


def test_portefeuille_date_is_rendered_as_a_publication_date(portefeuille: Posting) -> None:
    assert portefeuille.published_on == dt.date(2022, 5, 23)
    assert fact(portefeuille, "published") == ["Annonce publiée le 23/05/2022"]


def test_headings_written_in_bold_come_out_clean(portefeuille: Posting) -> None:
    titles = section_titles(portefeuille)
    assert "Contexte" in titles
    assert "Profil" in titles
    assert "Candidater" in titles  # "## **Candidater** " with a trailing space
    assert not any("*" in t for t in titles)


def test_auto_link_debris_in_text_becomes_plain_text(portefeuille: Posting) -> None:
    ambition = texts(portefeuille, "Ambition de l'Incubateur des Territoires")
    assert any(t.startswith("Le.La chargé.e de portefeuille fait partie de l'équipe") for t in ambition)
    assert not any("http://Le.La" in p.text or "[" in p.text for p in portefeuille.passages)


def test_auto_link_debris_in_a_heading_becomes_plain_text(portefeuille: Posting) -> None:
    assert "Missions du.de la chargé.e de portefeuille" in section_titles(portefeuille)


def test_bold_lines_used_as_headings_become_sub_sections(portefeuille: Posting) -> None:
    codes = "Pilotage et suivi de la cartographie des codes"
    sub = next(s for s in portefeuille.sections if s.path[-1].startswith(codes))
    assert sub.path == (
        "Missions du.de la chargé.e de portefeuille",
        "Pilotage et suivi de la cartographie des codes sources des porteurs France Relance et de l’ANCT",
    )
    assert sub.title == " › ".join(sub.path)
    assert [p.text for p in sub.passages] == [
        "Piloter la prestation opérée par Datactivist et Civiteo ;",
        "Mettre en place des outils de suivi et OKR explicites pour la réalisation des missions.",
    ]


def test_portefeuille_escaped_asterisks_leave_no_stray_markup(portefeuille: Posting) -> None:
    ambition = texts(portefeuille, "Ambition de l'Incubateur des Territoires")[0]
    assert "services numériques d’intérêt local" in ambition
    assert not any("*" in p.text or "\\" in p.text for p in portefeuille.passages)


def test_portefeuille_slug_is_cut_to_64_safe_characters_and_stays_the_same(portefeuille: Posting) -> None:
    assert DEEP_LINK_SAFE.fullmatch(portefeuille.slug)
    assert portefeuille.slug == "2022-05-12-charge-e-de-portefeuille-data-a-lincubateur-d54d03d4"


# --- messy bodies ----------------------------------------------------------------------------


def test_emoji_joined_by_zero_width_joiners_are_dropped_from_the_section_title(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "zwj.md", "## \U0001F64B\u200d\u2640\ufe0f \U0001F64B\u200d\u2642\ufe0f "
                       "**Le processus de recrutement**\n\nNous répondons sous quelques jours.\n")
    assert section_titles(posting) == ["Le processus de recrutement"]


def test_emoji_in_a_heading_is_dropped_from_the_section_title(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "emoji.md", "## 🎯 Rôle et mission\n\nTu pilotes le produit.\n")
    assert section_titles(posting) == ["Rôle et mission"]


def test_bold_and_trailing_colon_are_dropped_from_a_heading(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "modalites.md", "## **Modalités :**\n\nTélétravail possible.\n")
    assert section_titles(posting) == ["Modalités"]
    assert texts(posting, "Modalités") == ["Télétravail possible."]


def test_escaped_markdown_leaves_no_stray_asterisks(tmp_path: Path) -> None:
    body = "## Profil\n\nUn \\*\\*vrai\\*\\* goût pour le \\*travail en équipe\\* et les \\_données\\_.\n"
    posting = load_one(tmp_path, "echappe.md", body)
    assert texts(posting, "Profil") == ["Un vrai goût pour le travail en équipe et les données."]


def test_text_before_the_first_heading_goes_to_an_introduction_section(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "intro.md", "Rejoignez une équipe engagée.\n\n## Missions\n\nCoder.\n")
    assert posting.sections[0].title == "Introduction"
    assert posting.sections[0].path == ("Introduction",)
    assert texts(posting, "Introduction") == ["Rejoignez une équipe engagée."]


def test_a_body_without_headings_is_all_introduction(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "plat.md", "Un seul paragraphe, sans titre.\n")
    assert section_titles(posting) == ["Introduction"]


def test_html_comments_are_dropped(tmp_path: Path) -> None:
    body = "Résumé de l'offre.\n\n<!--more-->\n\nSuite <!-- note interne --> du texte.\n"
    posting = load_one(tmp_path, "html.md", body)
    assert texts(posting, "Introduction") == ["Résumé de l'offre.", "Suite du texte."]


def test_html_line_breaks_become_spaces(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "br.md", "## Lieu\n\nParis<br>Lyon<br/>ou télétravail\n")
    assert texts(posting, "Lieu") == ["Paris Lyon ou télétravail"]


def test_html_block_tags_are_dropped_and_their_text_kept(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "div.md", "## Lieu\n\n<div>Paris <b>ou</b> Lyon</div>\n")
    assert texts(posting, "Lieu") == ["Paris ou Lyon"]


def test_an_html_link_keeps_its_target(tmp_path: Path) -> None:
    body = ('Le laboratoire recrute.\n\n<a href="https://talents.example.org/offres/ux">Postuler ici</a>\n\n'
            "## Contact\n\n<p>Écrivez à <a href='mailto:rh@example.org'>notre équipe</a></p>\n")
    posting = load_one(tmp_path, "lien.md", body)
    assert texts(posting, "Introduction") == ["Le laboratoire recrute.",
                                              "Postuler ici (https://talents.example.org/offres/ux)"]
    assert texts(posting, "Contact") == ["Écrivez à notre équipe (rh@example.org)"]


def test_an_html_link_inside_a_paragraph_keeps_its_target(tmp_path: Path) -> None:
    body = '## Candidater\n\nCandidatez <a href="https://example.org/form">via ce formulaire</a> avant mai.\n'
    posting = load_one(tmp_path, "lien.md", body)
    assert texts(posting, "Candidater") == ["Candidatez via ce formulaire (https://example.org/form) avant mai."]


def test_paragraphs_starting_with_a_bullet_character_become_items_of_one_list(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "puces.md", "## Compétences\n\n• Python\n• Django\n\n• SQL\n")
    section = posting.sections[0]
    assert [p.text for p in section.passages] == ["Python", "Django", "SQL"]
    assert {p.kind for p in section.passages} == {PassageKind.ITEM}
    assert len({p.group for p in section.passages}) == 1


def test_escaped_dash_paragraphs_become_list_items(tmp_path: Path) -> None:
    body = "## Missions\n\n\\- Animer la communauté\n\n\\- Former les utilisateurs\n"
    posting = load_one(tmp_path, "tirets.md", body)
    section = posting.sections[0]
    assert [(p.text, p.kind) for p in section.passages] == [
        ("Animer la communauté", PassageKind.ITEM), ("Former les utilisateurs", PassageKind.ITEM),
    ]


def test_escaped_dash_lines_one_after_the_other_become_separate_items(tmp_path: Path) -> None:
    body = "## Missions\n\n\\- Animer la communauté\n\\- Former les utilisateurs\n"
    posting = load_one(tmp_path, "tirets-colles.md", body)
    assert texts(posting, "Missions") == ["Animer la communauté", "Former les utilisateurs"]


def test_a_bold_lead_with_a_colon_and_inline_bullets_becomes_a_heading_with_items(tmp_path: Path) -> None:
    body = "## Profil\n\n**Savoir faire :** • Animer des ateliers • Écrire des spécifications\n"
    posting = load_one(tmp_path, "savoir-faire.md", body)
    section = next(s for s in posting.sections if s.path == ("Profil", "Savoir faire"))
    assert [(p.text, p.kind) for p in section.passages] == [
        ("Animer des ateliers", PassageKind.ITEM), ("Écrire des spécifications", PassageKind.ITEM),
    ]


def test_a_plain_lead_with_a_colon_and_inline_bullets_becomes_a_heading_with_items(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "savoir-etre.md", "## Profil\n\nSavoir être : • Curieux • Autonome\n")
    assert texts(posting, "Profil › Savoir être") == ["Curieux", "Autonome"]


def test_a_bold_lead_with_a_colon_before_prose_becomes_a_heading(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "lieu.md", "## Modalités\n\n**Lieu :** Paris, 20e arrondissement.\n")
    assert texts(posting, "Modalités › Lieu") == ["Paris, 20e arrondissement."]


def test_a_bold_sentence_is_kept_as_text_not_taken_for_a_heading(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "phrase.md", "## Missions\n\n**Vous rejoindrez une équipe de six personnes.**\n")
    assert texts(posting, "Missions") == ["Vous rejoindrez une équipe de six personnes."]


def test_a_deeper_heading_becomes_a_sub_section_of_the_one_above(tmp_path: Path) -> None:
    body = "## Missions\n\nPiloter.\n\n### Au quotidien\n\nCoder.\n\n## Profil\n\nCurieux.\n"
    posting = load_one(tmp_path, "niveaux.md", body)
    assert [s.path for s in posting.sections] == [("Missions",), ("Missions", "Au quotidien"), ("Profil",)]


def test_a_table_row_becomes_one_passage_of_its_cells(tmp_path: Path) -> None:
    body = "## Rémunération\n\n| Niveau | Salaire |\n|---|---|\n| Junior | 40 k€ |\n"
    posting = load_one(tmp_path, "tableau.md", body)
    assert texts(posting, "Rémunération") == ["Niveau | Salaire", "Junior | 40 k€"]


def test_indented_text_is_prose_not_code(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "indente.md", "## Missions\n\n    Une ligne indentée par erreur.\n")
    assert texts(posting, "Missions") == ["Une ligne indentée par erreur."]


def test_windows_line_endings_load_like_unix_ones(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\ntitle: Testeur\r\nopen: false\r\n---\r\n\r\n## Missions\r\n\r\n- Tester\r\n- Noter\r\n")
    posting, _ = load_posting(path, today=TODAY)
    assert (posting.title, posting.is_open) == ("Testeur", False)
    assert texts(posting, "Missions") == ["Tester", "Noter"]


def test_parse_body_alone_splits_markdown_into_sections() -> None:
    sections = parse_body("Bonjour.\n\n## Profil\n\n- Curieux\n- Rigoureux\n")
    assert [(s.title, [p.text for p in s.passages]) for s in sections] == [
        ("Introduction", ["Bonjour."]), ("Profil", ["Curieux", "Rigoureux"]),
    ]


# --- varying front matter --------------------------------------------------------------------


def test_roles_list_names_the_posting_when_there_is_no_title(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "roles.md", front="roles:\n  - Designer UX\n  - Designer UI\n")
    assert posting.title == "Designer UX"
    assert posting.roles == ("Designer UX", "Designer UI")


def test_singular_role_key_is_read_like_roles(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "role.md", front="role: Data scientist\n")
    assert posting.title == "Data scientist"


def test_no_title_nor_roles_falls_back_to_the_first_heading_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "sans-titre.md", "## Développeur·se Python\n\nCoder.\n", front="open: true\n")
    posting, warnings = load_posting(path, today=TODAY)
    assert posting.title == "Développeur·se Python"
    assert len(warnings) == 1
    assert warnings[0].severity == "warning"
    assert warnings[0].file == "sans-titre.md"
    assert "title" in warnings[0].reason


def test_contrat_is_rendered_as_a_contract_fact(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "cdd.md", front="title: X\ncontrat: CDD de 3 ans\n")
    assert posting.contract == "CDD de 3 ans"
    assert fact(posting, "contract") == ["Contrat : CDD de 3 ans"]


def test_no_contrat_means_no_contract_fact(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "sans-contrat.md")
    assert fact(posting, "contract") == []


def test_a_contacts_list_is_rendered_as_one_contact_fact(tmp_path: Path) -> None:
    front = "title: X\ncontacts:\n  - anne@beta.gouv.fr\n  - paul@anct.gouv.fr\n"
    posting = load_one(tmp_path, "contacts.md", front=front)
    assert posting.contacts == ("anne@beta.gouv.fr", "paul@anct.gouv.fr")
    assert fact(posting, "contact") == ["Contact : anne@beta.gouv.fr, paul@anct.gouv.fr"]


def test_a_contact_string_with_several_addresses_is_split(tmp_path: Path) -> None:
    front = "title: X\ncontact: anne@beta.gouv.fr, paul@anct.gouv.fr et lea@dinum.fr\n"
    posting = load_one(tmp_path, "contact.md", front=front)
    assert posting.contacts == ("anne@beta.gouv.fr", "paul@anct.gouv.fr", "lea@dinum.fr")


def test_a_contact_that_is_not_an_email_is_kept_but_not_offered_as_an_address(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "pseudo.md", front="title: X\ncontacts: johan.girod\n")
    assert posting.contacts == ("johan.girod",)
    assert fact(posting, "contact") == []


@pytest.mark.parametrize("key", ["externalUrl", "externalURL"])
def test_the_external_url_is_read_whatever_the_case_of_its_key(tmp_path: Path, key: str) -> None:
    posting = load_one(tmp_path, "lien.md", front=f"title: X\n{key}: https://example.org/offre\n")
    assert posting.external_url == "https://example.org/offre"
    assert fact(posting, "link") == ["Annonce complète : https://example.org/offre"]


@pytest.mark.parametrize("key", ["post_ouvert", "poste_ouvert"])
def test_the_opening_date_is_read_from_either_spelling_of_its_key(tmp_path: Path, key: str) -> None:
    posting = load_one(tmp_path, "ouvert.md", front=f"title: X\n{key}: 2022-01-10\n")
    assert posting.opened_on == dt.date(2022, 1, 10)
    assert fact(posting, "opened") == ["Poste ouvert le 10/01/2022"]


def test_a_french_date_in_front_matter_is_understood(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "date-fr.md", front="title: X\nposte_ferme: '31/03/2024'\n")
    assert posting.closes_on == dt.date(2024, 3, 31)


def test_poste_pourvu_true_closes_the_posting_as_filled_even_if_open_is_true(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "pourvu.md", front="title: X\nopen: true\nposte_pourvu: true\n")
    assert (posting.is_open, posting.closed_reason) == (False, "filled")
    assert fact(posting, "status") == ["Statut : offre fermée, le poste est pourvu"]


def test_status_closed_closes_the_posting(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "status.md", front="title: X\nstatus: closed\n")
    assert (posting.is_open, posting.closed_reason) == (False, "closed")


def test_a_posting_without_any_status_key_is_open(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "ouverte.md")
    assert (posting.is_open, posting.closed_reason) == (True, "")
    assert fact(posting, "status") == ["Statut : offre ouverte"]


def test_a_title_with_markdown_is_cleaned(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "gras.md", front="title: '**Développeur·se** back-end'\n")
    assert posting.title == "Développeur·se back-end"


def test_startup_is_shown_next_to_the_title(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "startup.md", front="title: Développeur·se\nstartup: mon-entreprise\n")
    assert posting.display_name == "Développeur·se (mon-entreprise)"
    assert fact(posting, "team") == ["Startup d'État : mon-entreprise"]


# --- slugs -----------------------------------------------------------------------------------


def test_a_file_name_with_spaces_and_accents_gives_a_deep_link_safe_slug(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "Chargé·e de mission données (Équipe Île-de-France).md")
    assert posting.slug == "charge-e-de-mission-donnees-equipe-ile-de-france"
    assert DEEP_LINK_SAFE.fullmatch(posting.slug)


def test_a_very_long_file_name_is_cut_to_64_characters_ending_with_a_hash(tmp_path: Path) -> None:
    stem = "2023-01-01-développeur·se full-stack pour la plateforme des aides aux collectivités territoriales"
    posting = load_one(tmp_path, f"{stem}.md")
    assert len(posting.slug) <= 64
    assert DEEP_LINK_SAFE.fullmatch(posting.slug)
    assert re.search(r"-[0-9a-f]{8}$", posting.slug)


def test_two_long_names_differing_only_at_the_end_keep_distinct_slugs() -> None:
    common = "2023-01-01-developpeur-full-stack-pour-la-plateforme-des-aides-aux-collectivites"
    assert slugify(common + "-lyon") != slugify(common + "-lille")


def test_a_slug_is_stable_across_loads_and_independent_of_other_files(tmp_path: Path) -> None:
    write(tmp_path, "Offre Développeur.md")
    first = by_name(load_postings(tmp_path, today=TODAY))["Offre Développeur.md"].slug
    write(tmp_path, "autre offre.md")
    second = by_name(load_postings(tmp_path, today=TODAY))["Offre Développeur.md"].slug
    assert first == second == slugify("Offre Développeur") == "offre-developpeur"


def test_two_files_whose_slugs_collide_get_distinct_slugs_and_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "equipe-donnees.md")
    write(tmp_path, "Équipe données.md")
    result = load_postings(tmp_path, today=TODAY)
    postings = by_name(result)
    assert postings["equipe-donnees.md"].slug == "equipe-donnees"
    assert postings["Équipe données.md"].slug == "equipe-donnees-2"
    assert errors(result) == []
    [warning] = warnings_of(result)
    assert warning.file == "Équipe données.md"
    assert "equipe-donnees.md" in warning.reason
    assert "equipe-donnees-2" in warning.reason


def test_assign_slugs_numbers_every_further_clash() -> None:
    paths = [Path("a b.md"), Path("a-b.md"), Path("a_b!.md"), Path("A B!.md")]
    problems: list[Problem] = []
    slugs = assign_slugs(paths, problems)
    assert len(set(slugs.values())) == 4
    assert all(DEEP_LINK_SAFE.fullmatch(s) for s in slugs.values())
    assert len(problems) == 2  # "a-b" and "a_b" are different slugs: only two clashes


# --- broken inputs ---------------------------------------------------------------------------

BROKEN = [
    pytest.param("yaml-invalide.md", b"---\ntitle: X\ncontrat: CDI: temps plein\nopen: true\n---\n\nTexte.\n",
                 "invalid YAML", id="invalid-yaml"),
    pytest.param("sans-front-matter.md", "# Développeur\n\nTexte sans en-tête.\n".encode(),
                 "no YAML front matter", id="no-front-matter"),
    pytest.param("vide.md", b"", "empty file", id="empty-file"),
    pytest.param("blanc.md", b"  \n\n\t\n", "empty file", id="blank-file"),
    pytest.param("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", id="binary-junk"),
    pytest.param("latin1.md", "---\ntitle: Développeur\n---\n\nTélétravail possible.\n".encode("latin-1"),
                 "UTF-8", id="not-utf8"),
    pytest.param("titres.md", "---\ntitle: X\n---\n\n## Missions\n\n## Profil 🎯\n".encode(),
                 "no text", id="headings-only"),
    pytest.param("front-matter-seul.md", b"---\ntitle: X\n---\n", "no text", id="front-matter-only"),
    pytest.param("liste.md", b"---\n- a\n- b\n---\n\nTexte.\n", "not a mapping", id="front-matter-not-a-mapping"),
    pytest.param("2022-07-28-UX-sans-extension", b"---\ntitle: X\n---\n\nTexte.\n", ".md extension",
                 id="posting-without-md-extension"),
]


@pytest.mark.parametrize(("name", "content", "says"), BROKEN)
def test_a_broken_file_is_one_error_naming_it_and_the_good_file_still_loads(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    write(tmp_path, "bonne-offre.md")
    (tmp_path / name).write_bytes(content)
    result = load_postings(tmp_path, today=TODAY)
    [error] = errors(result)
    assert error.file == name
    assert says in error.reason
    assert [p.path.name for p in result.postings] == ["bonne-offre.md"]


def test_invalid_yaml_error_names_the_file_and_a_line_of_the_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "yaml.md", front="title: X\ncontrat: CDI: temps plein\nopen: true\n")
    [error] = load_postings(tmp_path, today=TODAY).problems
    assert error.file == "yaml.md"
    assert error.line is not None
    assert 2 <= error.line <= 5  # between the two '---' lines
    assert str(error).startswith(f"yaml.md:{error.line}: error: invalid YAML front matter: ")


def test_invalid_yaml_error_points_at_the_offending_line(tmp_path: Path) -> None:
    write(tmp_path, "yaml.md", front="title: X\ncontrat: CDI: temps plein\nopen: true\n")
    [error] = load_postings(tmp_path, today=TODAY).problems
    assert error.line == 3  # line 1 '---', line 2 title, line 3 the bad 'contrat'


def test_non_utf8_error_says_utf8_and_gives_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes("---\ntitle: Dev\n---\n\nTexte.\n\nTélétravail.\n".encode("latin-1"))
    [error] = load_postings(tmp_path, today=TODAY).problems
    assert error.line == 7
    assert "not UTF-8" in error.reason
    assert "save the file as UTF-8" in error.reason


def test_missing_front_matter_error_points_at_the_first_line(tmp_path: Path) -> None:
    (tmp_path / "nu.md").write_text("# Développeur\n\nTexte.\n", encoding="utf-8")
    [error] = load_postings(tmp_path, today=TODAY).problems
    assert error.line == 1
    assert "must start with a '---' line" in error.reason


def test_headings_only_error_points_at_the_body(tmp_path: Path) -> None:
    write(tmp_path, "titres.md", "## Missions\n\n## Profil\n")
    [error] = load_postings(tmp_path, today=TODAY).problems
    assert error.line == 5  # the first heading, after '---', 'title', '---' and a blank line
    assert "headings only" in error.reason


def test_a_utf8_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    (tmp_path / "bom.md").write_bytes("\ufeff---\ntitle: Avec BOM\n---\n\nTexte.\n".encode())
    result = load_postings(tmp_path, today=TODAY)
    assert result.problems == ()
    assert [p.title for p in result.postings] == ["Avec BOM"]


def test_load_posting_raises_a_knowledge_error_carrying_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "vide.md"
    path.write_bytes(b"")
    with pytest.raises(KnowledgeError) as caught:
        load_posting(path, today=TODAY)
    assert caught.value.problem.file == "vide.md"
    assert str(caught.value) == str(caught.value.problem)


def test_a_problem_reads_file_line_severity_and_reason() -> None:
    problem = Problem("offre.md", "invalid YAML front matter: found unexpected end of stream", line=4)
    assert str(problem) == "offre.md:4: error: invalid YAML front matter: found unexpected end of stream"


def test_a_problem_without_a_line_reads_file_severity_and_reason() -> None:
    problem = Problem("offre.md", "slug already used", severity="warning")
    assert str(problem) == "offre.md: warning: slug already used"


def test_a_missing_knowledge_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = load_postings(tmp_path / "absent", today=TODAY)
    assert result.postings == ()
    [error] = result.problems
    assert "knowledge folder not found" in error.reason


def test_other_knowledge_files_and_hidden_files_are_not_postings(tmp_path: Path) -> None:
    write(tmp_path, "offre.md")
    (tmp_path / "notes.txt").write_text("---\ntitle: brouillon\n---\n", encoding="utf-8")
    (tmp_path / "lexique.yaml").write_text("mots: []\n", encoding="utf-8")
    (tmp_path / ".brouillon.md").write_text("---\ntitle: caché\n---\n\nTexte.\n", encoding="utf-8")
    (tmp_path / "archives").mkdir()
    paths, problems = posting_files(tmp_path)
    assert [p.name for p in paths] == ["offre.md"]
    assert problems == []


def test_an_upper_case_md_extension_is_a_posting(tmp_path: Path) -> None:
    write(tmp_path, "OFFRE.MD")
    paths, _ = posting_files(tmp_path)
    assert [p.name for p in paths] == ["OFFRE.MD"]


# --- the shared corpus of real postings ------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_result() -> LoadResult:
    """The shared corpus of real postings, loaded once (skipped when the corpus is not there)."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"the shared corpus is not available at {CORPUS_DIR}")
    return load_postings(CORPUS_DIR, today=TODAY)


def test_corpus_every_md_file_loads_without_error(corpus_result: LoadResult) -> None:
    md_files = [p for p in CORPUS_DIR.iterdir() if p.suffix == ".md"]
    assert len(md_files) == CORPUS_SIZE
    assert len(corpus_result.postings) == CORPUS_SIZE
    assert [p for p in errors(corpus_result) if p.file != CORPUS_FILE_WITHOUT_EXTENSION] == []


def test_corpus_file_without_extension_is_reported_not_loaded(corpus_result: LoadResult) -> None:
    [error] = errors(corpus_result)
    assert error.file == CORPUS_FILE_WITHOUT_EXTENSION
    assert ".md extension" in error.reason
    assert CORPUS_FILE_WITHOUT_EXTENSION not in {p.path.name for p in corpus_result.postings}


def test_corpus_slugs_are_unique_and_deep_link_safe(corpus_result: LoadResult) -> None:
    slugs = [p.slug for p in corpus_result.postings]
    assert len(set(slugs)) == len(slugs)
    assert [s for s in slugs if not DEEP_LINK_SAFE.fullmatch(s)] == []


def test_corpus_every_posting_has_a_title_and_a_passage(corpus_result: LoadResult) -> None:
    assert [p.path.name for p in corpus_result.postings if not p.title.strip()] == []
    assert [p.path.name for p in corpus_result.postings if not any(s.passages for s in p.sections)] == []


def test_corpus_section_titles_carry_no_markdown_debris(corpus_result: LoadResult) -> None:
    debris = re.compile(r"[*#\\]|\]\(|:$")
    bad = [(p.path.name, s.title) for p in corpus_result.postings for s in p.sections if debris.search(s.title)]
    assert bad == []


def test_corpus_passages_carry_no_markdown_or_html_debris(corpus_result: LoadResult) -> None:
    # "](" is not checked: one real file escapes the "[" of a link itself ("\\[a@b.fr](<mailto:...>?cc=...)").
    debris = re.compile(r"\*\*|\\[*_]|<br|<!--")
    bad = [(p.path.name, x.text[:80]) for p in corpus_result.postings for x in p.passages if debris.search(x.text)]
    assert bad == []


def test_labelled_lines_of_one_paragraph_become_separate_items(tmp_path: Path) -> None:
    body = "## Conditions\n\nDurée : 6 mois\nTJM : 500 € selon profil\nDébut : dès que possible\n"
    posting = load_one(tmp_path, "conditions.md", body)
    section = posting.sections[0]
    assert [(p.text, p.kind) for p in section.passages] == [
        ("Durée : 6 mois", PassageKind.ITEM), ("TJM : 500 € selon profil", PassageKind.ITEM),
        ("Début : dès que possible", PassageKind.ITEM)]
    assert len({p.group for p in section.passages}) == 1


def test_ordinary_prose_over_several_lines_stays_one_paragraph(tmp_path: Path) -> None:
    body = "## Contexte\n\nLa startup aide les collectivités.\nElle a été lancée en 2021 : un an déjà.\n"
    posting = load_one(tmp_path, "prose.md", body)
    assert [p.kind for p in posting.sections[0].passages] == [PassageKind.PARAGRAPH]


def test_an_inclusive_writing_middle_dot_is_not_taken_for_a_bullet(tmp_path: Path) -> None:
    body = "## Modalités\n\nPoste ouvert pour un·e indépendant·e ;\nTemps partiel et télétravail bienvenu ;\n"
    posting = load_one(tmp_path, "point-median.md", body)
    assert [s.path for s in posting.sections if s.passages] == [("Modalités",)]
    assert texts(posting, "Modalités")[0].startswith("Poste ouvert pour un·e indépendant·e")


def test_an_inclusive_writing_bullet_is_not_taken_for_a_list(tmp_path: Path) -> None:
    """"chargé•e" is inclusive writing (with a bullet, as some write it): the line is no heading and its items."""
    body = "## Le poste\n\nEn tant que chargé•e de développement, tu participeras au déploiement • régional.\n"
    posting = load_one(tmp_path, "puce-inclusive.md", body)
    assert [s.path for s in posting.sections if s.passages] == [("Le poste",)]
    assert texts(posting, "Le poste")[0].startswith("En tant que chargé•e de développement")


def test_a_spaced_middle_dot_still_separates_inline_items(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "points.md", "## Profil\n\nSavoir être : · Curieux · Autonome\n")
    assert texts(posting, "Profil › Savoir être") == ["Curieux", "Autonome"]


@pytest.mark.parametrize(("value", "text"), [("true", "Ouvert aux profils juniors : oui (junior: true)"),
                                             ("false", "Ouvert aux profils juniors : non (junior: false)")])
def test_the_junior_fact_quotes_its_front_matter_line(tmp_path: Path, value: str, text: str) -> None:
    path = tmp_path / "2023-01-01-dev.md"
    path.write_text(f"---\nroles: Dev\njunior: {value}\n---\n## Rôle\n\nCoder.\n", encoding="utf-8")
    posting, _ = load_posting(path, today=dt.date(2023, 1, 2))
    assert fact(posting, "junior") == [text]


def test_a_posting_closed_by_its_past_unpublishing_date_says_since_when(tmp_path: Path) -> None:
    path = tmp_path / "2022-06-22-envergo.md"
    path.write_text("---\nroles: Chargé·e de déploiement\nopen: true\ndepublication_date: 2022-07-15T07:58:57.451Z\n"
                    "---\n## Rôle\n\nDéployer.\n", encoding="utf-8")
    posting, _ = load_posting(path, today=dt.date(2022, 9, 1))
    assert not posting.is_open
    assert fact(posting, "status") == ["Statut : offre fermée, l'annonce n'est plus en ligne depuis le 15/07/2022"]


def test_a_bold_line_with_nothing_under_it_is_a_line_of_its_section(tmp_path: Path) -> None:
    """"**Poste à pourvoir dès que possible**" before the next heading heads nothing: it says something."""
    body = ("## Compléments\n\nUn coach vous accompagne.\n\n**Poste à pourvoir dès que possible**\n\n"
            "## Candidater\n\n**Envoyez votre CV à jobs@example.org**\n")
    posting = load_one(tmp_path, "gras.md", body)
    assert texts(posting, "Compléments") == ["Un coach vous accompagne.", "Poste à pourvoir dès que possible"]
    assert texts(posting, "Candidater") == ["Envoyez votre CV à jobs@example.org"]


def test_a_heading_that_is_a_link_with_nothing_under_it_is_a_line_with_its_target(tmp_path: Path) -> None:
    """"### [Candidatez sur le site](https://...)" closing the posting heads nothing: it says where to apply."""
    body = ("## Modalités\n\n- Démarrage en septembre.\n\n"
            "### [Candidatez sur le site de l'Incubateur](https://incubateur.example.org/recrutements/bizdev/)\n")
    posting = load_one(tmp_path, "lien.md", body)
    assert texts(posting, "Modalités") == [
        "Démarrage en septembre.",
        "Candidatez sur le site de l'Incubateur (https://incubateur.example.org/recrutements/bizdev/)"]


@pytest.mark.parametrize(("heading", "section"), [
    ("## Démarrage : **janvier 2022**, dès que possible", "Démarrage"),
    ("### Date de démarrage : janvier 2022", "Modalités › Date de démarrage")])
def test_a_heading_that_states_something_with_nothing_under_it_is_a_line(tmp_path: Path, heading: str,
                                                                         section: str) -> None:
    """A heading holding a label and what it says ("Date de démarrage : janvier 2022") heads nothing when
    nothing comes under it: it is a line, under its label."""
    posting = load_one(tmp_path, "titre.md", f"## Modalités\n\n- Un jour par semaine.\n\n{heading}\n")
    assert texts(posting, "Modalités") == ["Un jour par semaine."]
    assert texts(posting, section) == [heading.lstrip("#").strip().replace("**", "")]


def test_a_heading_with_an_address_is_a_line_too(tmp_path: Path) -> None:
    """"## Pour postuler : envoie ton CV à x@y" says where to write, whatever comes under it."""
    posting = load_one(tmp_path, "titre.md", "## Pour postuler: **envoie ton CV à contact.delta@example.org**\n\n"
                                             "*Nous favorisons la diversité et l'inclusion.*\n")
    assert texts(posting, "Pour postuler") == [
        "Pour postuler: envoie ton CV à contact.delta@example.org", "Nous favorisons la diversité et l'inclusion."]


def test_a_bold_line_with_an_address_is_a_line_too(tmp_path: Path) -> None:
    """"**Pour postuler: envoie ton CV à x@y**" is no mere heading of what follows (a word on diversity)."""
    posting = load_one(tmp_path, "titre.md", "## Le contrat\n\n- Freelance\n\n"
                       "**Pour postuler: envoie ton CV à contact.delta@example.org**\n\n"
                       "*Nous favorisons la diversité et l'inclusion.*\n")
    assert [s.path for s in posting.sections] == [("Le contrat",), ("Le contrat", "Pour postuler")]
    assert [p.text for p in posting.sections[1].passages] == [
        "Pour postuler: envoie ton CV à contact.delta@example.org", "Nous favorisons la diversité et l'inclusion."]


def test_a_heading_with_a_label_and_lines_under_it_still_heads_them(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "titre.md", "## Missions : ce que vous ferez\n\nConstruire le service.\n")
    assert texts(posting, "Missions : ce que vous ferez") == ["Construire le service."]


def test_a_heading_that_is_a_link_with_lines_under_it_still_heads_them(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "lien.md", "## [Notre produit](https://example.org)\n\nUn service pour les mairies.\n")
    assert texts(posting, "Notre produit") == ["Un service pour les mairies."]


def test_a_bold_question_heads_its_answer_in_a_faq(tmp_path: Path) -> None:
    body = ("## FAQ\n\n**Quelle est l'expérience recherchée ?**\n\nPas d'année ni de niveau.\n\n"
            "**Pourquoi deux jours d'essai ?**\n\nC'est le meilleur moyen de se découvrir.\n")
    posting = load_one(tmp_path, "faq.md", body)
    assert texts(posting, "FAQ › Quelle est l'expérience recherchée ?") == ["Pas d'année ni de niveau."]
    assert texts(posting, "FAQ › Pourquoi deux jours d'essai ?") == ["C'est le meilleur moyen de se découvrir."]


def test_a_bold_question_heads_only_its_answer_not_the_lines_after_it(tmp_path: Path) -> None:
    body = ("## FAQ\n\n**Combien de temps dure la mission ?**\n\nUn an, renouvelable.\n\n"
            "Pour nous montrer que tu as bien lu, insère un emoji dans l'objet du message.\n\n"
            "**Quels outils ?**\n\n- Notion\n- Slack\n\nEt un café le lundi.\n")
    posting = load_one(tmp_path, "faq.md", body)
    assert texts(posting, "FAQ › Combien de temps dure la mission ?") == ["Un an, renouvelable."]
    assert texts(posting, "FAQ › Quels outils ?") == ["Notion", "Slack"]
    assert texts(posting, "FAQ") == ["Pour nous montrer que tu as bien lu, insère un emoji dans l'objet du message.",
                                     "Et un café le lundi."]


def test_a_bold_line_giving_a_label_and_its_value_is_a_line_not_a_heading(tmp_path: Path) -> None:
    body = ("## Informations pratiques\n\nStatut : Freelance\n\n**Date de début — Octobre 2020**\n\n"
            "**Envoyer une candidature** : contact@example.org\n")
    posting = load_one(tmp_path, "gras.md", body)
    assert "Date de début — Octobre 2020" in texts(posting, "Informations pratiques")


def test_a_bold_line_with_lines_under_it_still_heads_them(tmp_path: Path) -> None:
    posting = load_one(tmp_path, "gras.md", "## Profil\n\n**Savoir-faire**\n\n- Python\n- SQL\n")
    assert texts(posting, "Profil › Savoir-faire") == ["Python", "SQL"]


def test_a_heading_written_as_a_sentence_with_nothing_under_it_is_a_line() -> None:
    sections = parse_body("### L’équipe Lab Agora recherche un développeur pour construire la première startup "
                          "d’État de l’Institut National du Cancer.\n\n# Contexte\n\nQuelques chiffres.\n")
    lines = [(s.title, p.text) for s in sections for p in s.passages]
    assert lines[0][1].endswith("de l’Institut National du Cancer.") and lines[0][0] != "Contexte", lines


def test_a_heading_written_as_a_sentence_with_lines_under_it_stays_a_heading() -> None:
    sections = parse_body("### Ce que vous ferez au quotidien dans notre équipe produit.\n\nDu code.\n")
    assert [(s.title, [p.text for p in s.passages]) for s in sections] == \
        [("Ce que vous ferez au quotidien dans notre équipe produit", ["Du code."])]
