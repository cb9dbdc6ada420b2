"""Reloading the knowledge folder while candidates chat: a new engine, the previous version of broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.models import Problem
from bot.reload import ReloadReport, reload_engine
from conftest import TODAY, WritePosting

ALPHA = ("title: Développeur·se backend\nstartup: alpha\nopen: true",
         "## Modalités\n\nTélétravail possible deux jours par semaine.")
BETA = ("title: Designer\nstartup: beta\nopen: true",
        "## Modalités\n\nTélétravail possible le vendredi seulement.")
GAMMA = ("title: Data scientist\nstartup: gamma\nopen: true",
         "## Modalités\n\nTélétravail complet, avec un séminaire par trimestre.")
REMOTE = "Le poste est-il en télétravail ?"


@pytest.fixture
def knowledge(write_posting: WritePosting) -> Path:
    """A knowledge folder with two postings, alpha.md and beta.md."""
    write_posting("alpha.md", *ALPHA)
    return write_posting("beta.md", *BETA).parent


@pytest.fixture
def engine(knowledge: Path) -> Engine:
    """The engine in service over the knowledge folder."""
    return Engine.load(knowledge, today=TODAY)


def test_a_valid_change_is_in_service_at_once_and_reported(engine: Engine, knowledge: Path,
                                                            write_posting: WritePosting) -> None:
    write_posting("gamma.md", *GAMMA)
    write_posting("alpha.md", ALPHA[0], "## Modalités\n\nTélétravail possible trois jours par semaine.")
    new, report = reload_engine(engine, today=TODAY)
    assert report.added == ("gamma",)
    assert report.changed == ("alpha",)
    assert report.removed == report.closed == report.reopened == report.kept_previous == ()
    assert report.ok and report.total == 3
    assert "séminaire" in new.answer(REMOTE, "gamma").text
    assert "trois jours" in new.answer(REMOTE, "alpha").text
    assert new.find("beta") is not None


def test_a_broken_file_keeps_its_previous_version_in_service(engine: Engine, knowledge: Path) -> None:
    (knowledge / "alpha.md").write_text("---\ntitle: [Développeur\nopen: true\n---\n\nTélétravail total.\n",
                                        encoding="utf-8")
    new, report = reload_engine(engine, today=TODAY)
    assert report.kept_previous == ("alpha",)
    assert report.kept_files == ("alpha.md",)
    assert report.changed == report.added == report.removed == ()
    assert not report.ok
    [problem] = [p for p in report.problems if p.severity == "error"]
    assert problem.file == "alpha.md" and "invalid YAML front matter" in problem.reason
    answer = new.answer(REMOTE, "alpha")
    assert answer.answered and "deux jours" in answer.text
    assert new.find("alpha") is engine.find("alpha")
    assert "alpha.md" in report.summary("fr") and "invalid YAML front matter" in report.summary("en")


def test_a_file_still_broken_stays_in_its_previous_version_and_its_fix_shows_as_a_change(
        engine: Engine, knowledge: Path, write_posting: WritePosting) -> None:
    (knowledge / "alpha.md").write_text("", encoding="utf-8")
    broken, _ = reload_engine(engine, today=TODAY)
    again, report = reload_engine(broken, today=TODAY)
    assert report.kept_previous == ("alpha",) and report.changed == ()
    assert "deux jours" in again.answer(REMOTE, "alpha").text
    write_posting("alpha.md", ALPHA[0], "## Modalités\n\nTélétravail possible un jour par semaine.")
    fixed, report = reload_engine(again, today=TODAY)
    assert report.changed == ("alpha",) and report.kept_previous == () and report.ok
    assert "un jour" in fixed.answer(REMOTE, "alpha").text


def test_a_file_fixed_back_to_the_version_in_service_is_not_a_change(engine: Engine, knowledge: Path) -> None:
    original = (knowledge / "alpha.md").read_bytes()
    (knowledge / "alpha.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    broken, _ = reload_engine(engine, today=TODAY)
    (knowledge / "alpha.md").write_bytes(original)
    _, report = reload_engine(broken, today=TODAY)
    assert report.unchanged and report.ok


def test_a_deleted_file_is_removed(engine: Engine, knowledge: Path) -> None:
    (knowledge / "beta.md").unlink()
    new, report = reload_engine(engine, today=TODAY)
    assert report.removed == ("beta",)
    assert report.ok and report.total == 1
    assert new.find("beta") is None
    assert [p.slug for p in new.postings] == ["alpha"]
    assert engine.find("beta") is not None


def test_a_new_broken_file_is_left_out_and_reported(engine: Engine, knowledge: Path) -> None:
    (knowledge / "delta.md").write_text("Un poste sans front matter.\n", encoding="utf-8")
    new, report = reload_engine(engine, today=TODAY)
    assert new.find("delta") is None
    assert report.added == report.kept_previous == report.kept_files == ()
    assert [(p.file, p.severity) for p in report.problems] == [("delta.md", "error")]
    assert "no YAML front matter" in report.problems[0].reason
    assert report.summary("fr").splitlines()[1].startswith("1 fichier en erreur laissé de côté : delta.md:1 (no YAML")
    assert report.summary("en").splitlines()[1].startswith("1 file with errors left out: delta.md:1 (no YAML")


def test_a_posting_closed_then_reopened_is_reported(engine: Engine, write_posting: WritePosting) -> None:
    write_posting("alpha.md", ALPHA[0].replace("open: true", "open: false"), ALPHA[1])
    closed, report = reload_engine(engine, today=TODAY)
    assert report.closed == ("alpha",) and report.changed == ("alpha",) and report.reopened == ()
    posting = closed.find("alpha")
    assert posting is not None and not posting.is_open
    write_posting("alpha.md", *ALPHA)
    reopened, report = reload_engine(closed, today=TODAY)
    assert report.reopened == ("alpha",) and report.closed == ()
    posting = reopened.find("alpha")
    assert posting is not None and posting.is_open


def test_a_broken_lexicon_keeps_the_previous_lexicon(write_posting: WritePosting) -> None:
    folder = write_posting("a.md", "title: Dev", "## Lieu\n\nUn parking vélo est disponible.").parent
    lexicon = folder / "lexicon.yaml"
    lexicon.write_text("intents:\n  parking:\n    priority: 9\n    triggers: [parking]\n    cues: [parking]\n",
                       encoding="utf-8")
    engine = Engine.load(folder, today=TODAY)
    assert engine.answer("Y a-t-il un parking ?", "a").intent == "parking"
    lexicon.write_text("intents: [", encoding="utf-8")
    new, report = reload_engine(engine, today=TODAY)
    assert new.lexicon is engine.lexicon
    answer = new.answer("Y a-t-il un parking ?", "a")
    assert answer.answered and answer.intent == "parking"
    assert report.kept_files == ("lexicon.yaml",) and report.kept_previous == ()
    assert [p.file for p in report.problems] == ["lexicon.yaml"] and not report.ok
    assert "lexicon.yaml" in report.summary("fr").splitlines()[1]
    assert Engine.load(folder, today=TODAY).lexicon is not engine.lexicon  # a first load takes the bundled one


def test_a_broken_contacts_file_keeps_the_previous_directory(write_posting: WritePosting) -> None:
    folder = write_posting("a.md", "title: Dev\ncontact: jeanne.martin", "## Lieu\n\nÀ Lyon.").parent
    contacts = folder / "contacts.yaml"
    contacts.write_text("members:\n  jeanne.martin: jeanne.martin@example.org\n", encoding="utf-8")
    engine = Engine.load(folder, today=TODAY, default_contact="equipe@example.org")
    contacts.write_text("members: [\n", encoding="utf-8")
    new, report = reload_engine(engine, today=TODAY)
    assert new.directory is engine.directory
    posting = new.find("a")
    assert posting is not None and new.contact_for(posting).email == "jeanne.martin@example.org"
    assert new.default_contact == "equipe@example.org"
    assert report.kept_files == ("contacts.yaml",)
    assert report.problems[0].file == "contacts.yaml" and "invalid YAML" in report.problems[0].reason


def test_the_previous_engine_is_left_as_it_was(engine: Engine, knowledge: Path, write_posting: WritePosting) -> None:
    postings = engine.postings
    snapshot = tuple(postings)
    before = engine.answer(REMOTE, "alpha")
    write_posting("alpha.md", ALPHA[0], "## Modalités\n\nPas de télétravail.")
    write_posting("gamma.md", *GAMMA)
    (knowledge / "beta.md").unlink()
    new, _ = reload_engine(engine, today=TODAY)
    assert new is not engine and new.index is not engine.index
    assert engine.postings is postings and engine.postings == snapshot
    assert engine.answer(REMOTE, "alpha") == before
    assert engine.find("beta") is not None and engine.find("gamma") is None
    assert "Pas de télétravail" in new.answer(REMOTE, "alpha").text


def test_the_summary_counts_in_french_and_english(engine: Engine, knowledge: Path,
                                                  write_posting: WritePosting) -> None:
    write_posting("gamma.md", *GAMMA)
    write_posting("epsilon.md", *GAMMA)
    (knowledge / "beta.md").unlink()
    write_posting("alpha.md", ALPHA[0].replace("open: true", "open: false"), ALPHA[1])
    _, report = reload_engine(engine, today=TODAY)
    assert report.summary("fr") == "Rechargé : 3 offres (2 ajoutées, 1 retirée, 1 modifiée, 1 fermée)."
    assert report.summary() == report.summary("fr")
    assert report.summary("en") == "Reloaded: 3 postings (2 added, 1 removed, 1 changed, 1 closed)."


def test_the_summary_names_the_files_kept_and_counts_warnings() -> None:
    problems = (Problem("x.md", "invalid YAML front matter: bad indent", line=3),
                Problem("y.md", "front matter has no 'title'", severity="warning"),
                Problem("z.md", "empty file"), Problem("w.md", "empty file"))
    report = ReloadReport(changed=("a", "b", "c"), kept_previous=("x",), problems=problems, total=1,
                          kept_files=("x.md",))
    assert report.summary("fr").splitlines() == [
        "Rechargé : 1 offre (3 modifiées).",
        "1 fichier en erreur gardé dans sa version précédente : x.md:3 (invalid YAML front matter: bad indent).",
        "2 fichiers en erreur laissés de côté : z.md (empty file) ; w.md (empty file).",
        "1 avertissement.",
    ]
    assert report.summary("en").splitlines() == [
        "Reloaded: 1 posting (3 changed).",
        "1 file with errors kept in its previous version: x.md:3 (invalid YAML front matter: bad indent).",
        "2 files with errors left out: z.md (empty file); w.md (empty file).",
        "1 warning.",
    ]


def test_a_long_list_of_files_is_cut_short() -> None:
    problems = tuple(Problem(f"{n}.md", "empty file") for n in range(8))
    report = ReloadReport(problems=problems, kept_previous=("0", "1"), kept_files=("0.md", "1.md"))
    lines = report.summary("fr").splitlines()
    assert lines[0] == "Rechargé : 0 offre, aucun changement."
    assert lines[1].startswith("2 fichiers en erreur gardés dans leur version précédente : 0.md (empty file)")
    assert lines[2].endswith("6.md (empty file) ; et 1 autre.")
    assert report.summary("en").splitlines()[2].endswith("6.md (empty file); and 1 more.")


def test_reloading_twice_without_a_change_reports_nothing(engine: Engine) -> None:
    first, report = reload_engine(engine, today=TODAY)
    second, again = reload_engine(first, today=TODAY)
    for found in (report, again):
        assert found.unchanged and found.ok and found.kept_previous == () and found.total == 2
        assert found.summary("fr") == "Rechargé : 2 offres, aucun changement."
        assert found.summary("en") == "Reloaded: 2 postings, no changes."
    assert second is not first and second.hashes == first.hashes == engine.hashes


def test_a_missing_knowledge_folder_keeps_the_engine_in_service(tmp_path: Path, write_posting: WritePosting) -> None:
    folder = write_posting("a.md", *ALPHA).parent
    engine = Engine.load(folder, today=TODAY)
    folder.rename(tmp_path / "elsewhere")
    new, report = reload_engine(engine, today=TODAY)
    assert new is engine and not report.ok and report.total == 1
    assert "knowledge folder not found" in report.problems[0].reason


def test_a_load_keeps_a_hash_of_each_posting_file(engine: Engine, knowledge: Path) -> None:
    assert set(engine.hashes) == {"alpha", "beta"}
    assert all(len(digest) == 64 for digest in engine.hashes.values())
    assert engine.hashes["alpha"] != engine.hashes["beta"]
