"""The index cache: a start over unchanged knowledge reads the built index; any change, or a file that is
not ours, makes the bot parse the knowledge again."""

from __future__ import annotations

import datetime as dt
import logging
import pickle
from pathlib import Path

import pytest

from bot.cache import MAGIC, IndexCache
from bot.engine import Engine
from bot.reload import reload_engine
from conftest import TODAY, WritePosting

REMOTE = "Le poste est-il en télétravail ?"
PARKING_LEXICON = "intents:\n  parking:\n    priority: 9\n    triggers: [parking]\n    cues: [parking]\n"


@pytest.fixture
def knowledge(write_posting: WritePosting) -> Path:
    """A knowledge folder with two postings."""
    write_posting("alpha.md", "title: Développeur·se backend\nstartup: alpha\nopen: true",
                  "## Modalités\n\nTélétravail possible deux jours par semaine.\n\nUn parking vélo est disponible.")
    return write_posting("beta.md", "title: Designer\nstartup: beta\nopen: true",
                         "## Modalités\n\nTélétravail possible le vendredi seulement.").parent


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """Where the index cache is kept: outside the knowledge folder."""
    return tmp_path / "var" / "cache"


def load(knowledge: Path, cache_dir: Path, today: dt.date = TODAY) -> Engine:
    return Engine.load(knowledge, today=today, cache_dir=cache_dir)


def read_from_cache(caplog: pytest.LogCaptureFixture) -> bool:
    return any("read from the cache" in r.getMessage() for r in caplog.records)


def test_a_second_start_reads_the_index_from_the_cache(knowledge: Path, cache_dir: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    first = load(knowledge, cache_dir)
    caplog.set_level(logging.INFO, logger="bot.engine")
    second = load(knowledge, cache_dir)
    assert read_from_cache(caplog)
    assert second.answer(REMOTE, "alpha").text == first.answer(REMOTE, "alpha").text
    assert [p.slug for p in second.postings] == ["alpha", "beta"]
    assert second.index.find("beta") is not None and second.index.find("beta")._cue_counts is not None


def test_the_cache_is_kept_outside_the_knowledge_folder(knowledge: Path, cache_dir: Path) -> None:
    load(knowledge, cache_dir)
    assert sorted(p.name for p in knowledge.iterdir()) == ["alpha.md", "beta.md"]
    assert [p.name for p in cache_dir.glob("index-*.cache")] and (cache_dir / "key").stat().st_mode & 0o077 == 0


def test_a_changed_posting_is_parsed_again(knowledge: Path, cache_dir: Path, write_posting: WritePosting,
                                           caplog: pytest.LogCaptureFixture) -> None:
    load(knowledge, cache_dir)
    write_posting("beta.md", "title: Designer\nstartup: beta\nopen: true",
                  "## Modalités\n\nTélétravail complet, avec un séminaire par trimestre.")
    caplog.set_level(logging.INFO, logger="bot.engine")
    engine = load(knowledge, cache_dir)
    assert not read_from_cache(caplog)
    assert "séminaire" in engine.answer(REMOTE, "beta").text


def test_a_changed_lexicon_is_read_again(knowledge: Path, cache_dir: Path) -> None:
    lexicon = knowledge / "lexicon.yaml"
    lexicon.write_text(PARKING_LEXICON, encoding="utf-8")
    assert load(knowledge, cache_dir).answer("Y a-t-il un parking ?", "alpha").intent == "parking"
    lexicon.write_text(PARKING_LEXICON.replace("parking:", "stationnement:"), encoding="utf-8")
    assert load(knowledge, cache_dir).answer("Y a-t-il un parking ?", "alpha").intent == "stationnement"


def test_a_start_from_the_cache_reads_the_lexicon_from_there_without_parsing_it(
        knowledge: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (knowledge / "lexicon.yaml").write_text(PARKING_LEXICON, encoding="utf-8")
    load(knowledge, cache_dir)

    def unparsable(path: Path) -> None:
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr("bot.engine.load_lexicon", unparsable)
    engine = load(knowledge, cache_dir)
    assert engine.answer("Y a-t-il un parking ?", "alpha").intent == "parking"
    assert not engine.problems


def test_another_day_is_built_again_since_a_posting_may_have_closed(write_posting: WritePosting,
                                                                    cache_dir: Path) -> None:
    folder = write_posting("gamma.md", "title: Data scientist\nopen: true\nposte_ferme: 2026-11-24",
                           "## Modalités\n\nTélétravail complet.").parent
    assert load(folder, cache_dir).find("gamma").is_open  # type: ignore[union-attr]
    assert not load(folder, cache_dir, TODAY + dt.timedelta(days=2)).find("gamma").is_open  # type: ignore[union-attr]


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(knowledge: Path, cache_dir: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    expected = load(knowledge, cache_dir).answer(REMOTE, "alpha").text
    [path] = cache_dir.glob("index-*.cache")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    caplog.set_level(logging.INFO)
    engine = load(knowledge, cache_dir)
    assert not read_from_cache(caplog)
    assert any("corrupt" in r.getMessage() for r in caplog.records)
    assert engine.answer(REMOTE, "alpha").text == expected
    caplog.clear()
    load(knowledge, cache_dir)
    assert read_from_cache(caplog)  # rebuilt and written again


def test_a_truncated_cache_file_is_ignored(knowledge: Path, cache_dir: Path) -> None:
    load(knowledge, cache_dir)
    [path] = cache_dir.glob("index-*.cache")
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 5])
    assert load(knowledge, cache_dir).answer(REMOTE, "beta").answered


class _Payload:
    """A pickle that runs code when loaded: it would write a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "pwned"))


@pytest.mark.parametrize("header", [b"", MAGIC + bytes(32)], ids=["bare pickle", "our header, a wrong MAC"])
def test_a_foreign_cache_file_is_never_unpickled(knowledge: Path, cache_dir: Path, tmp_path: Path,
                                                 header: bytes) -> None:
    load(knowledge, cache_dir)
    [path] = cache_dir.glob("index-*.cache")
    marker = tmp_path / "marker"
    path.write_bytes(header + pickle.dumps(_Payload(marker)))
    engine = load(knowledge, cache_dir)
    assert not marker.exists()
    assert engine.answer(REMOTE, "beta").answered


def test_a_cache_written_with_another_installation_key_is_ignored(knowledge: Path, cache_dir: Path,
                                                                  tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    other = tmp_path / "other-cache"
    load(knowledge, other)
    load(knowledge, cache_dir)
    [theirs] = other.glob("index-*.cache")
    IndexCache(cache_dir).path_for(knowledge).write_bytes(theirs.read_bytes())
    caplog.set_level(logging.INFO)
    load(knowledge, cache_dir)
    assert not read_from_cache(caplog)


def test_an_unwritable_cache_folder_only_costs_a_slower_start(knowledge: Path, tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    caplog.set_level(logging.WARNING)
    engine = load(knowledge, blocked / "cache")
    assert engine.answer(REMOTE, "alpha").answered
    assert any("could not write the index cache" in r.getMessage() for r in caplog.records)


def test_a_reload_parses_only_the_files_that_changed(knowledge: Path, write_posting: WritePosting) -> None:
    engine = Engine.load(knowledge, today=TODAY)
    write_posting("beta.md", "title: Designer\nstartup: beta\nopen: true",
                  "## Modalités\n\nTélétravail complet, avec un séminaire par trimestre.")
    new, report = reload_engine(engine, today=TODAY)
    assert report.changed == ("beta",)
    before, after = engine.index.find("alpha"), new.index.find("alpha")
    assert before is not None and after is not None
    assert after.texts is before.texts  # alpha.md was not parsed again
    assert "séminaire" in new.answer(REMOTE, "beta").text
    assert new.answer(REMOTE, "alpha").text == engine.answer(REMOTE, "alpha").text


def test_a_reload_on_another_day_parses_every_file(knowledge: Path) -> None:
    engine = Engine.load(knowledge, today=TODAY)
    new, _ = reload_engine(engine, today=TODAY + dt.timedelta(days=1))
    before, after = engine.index.find("alpha"), new.index.find("alpha")
    assert before is not None and after is not None and after.texts is not before.texts


def test_postings_loaded_by_worker_processes_come_in_the_files_order_as_loaded_one_by_one(
        write_posting: WritePosting, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many files are parsed by forked workers, in small chunks of every n-th file indexed as each chunk comes
    back, in whatever order: the result is the same."""
    for n in range(23):
        write_posting(f"{n:02d}-poste.md", f"title: Poste {n}\nstartup: equipe{n}\nopen: true",
                      f"## Modalités\n\nTélétravail {n} jours par mois." + "\n\nUne ligne." * (n % 5))
    folder = write_posting("zz-broken.md", "title: [", "## Modalités\n\nRien.").parent
    monkeypatch.setattr("bot.engine.PARALLEL_FROM", 10**6)
    one_by_one = Engine.load(folder, today=TODAY)
    monkeypatch.setattr("bot.engine.PARALLEL_FROM", 2)
    monkeypatch.setattr("bot.engine.os.cpu_count", lambda: 3)
    monkeypatch.setattr("bot.engine.CHUNK", 2)
    in_workers = Engine.load(folder, today=TODAY)
    assert [p.slug for p in in_workers.postings] == [p.slug for p in one_by_one.postings]
    assert in_workers.problems == one_by_one.problems and len(in_workers.postings) == 23
    assert [i._cue_counts for i in in_workers.index.postings] == [i._cue_counts for i in one_by_one.index.postings]
