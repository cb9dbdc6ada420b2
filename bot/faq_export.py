"""`python -m bot faq export`: recruiters' FAQ answers, from the database to YAML files in the knowledge.

Once exported, the answers can be reviewed and versioned with the postings; the engine reads
KNOWLEDGE/faq/*.yaml at load time (bot.engine.load_faq), each file holding one posting's entries:

    posting: 2021-08-30-sicoval-pm
    entries:
      - question: Y a-t-il des tickets restaurant ?
        answer: Oui, 9 € par jour travaillé.

An entry is filed under its question's intent when the engine loads it, or under the lexicon's intent named by an
optional `intent:` key (`intent: pay`): it then serves other wordings of that topic (see Matcher.match_faq).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from .storage import opened_storage


async def export_faq(database: Path | str, knowledge: Path) -> list[tuple[Path, int]]:
    """Merge the database's FAQ entries into KNOWLEDGE/faq/<posting>.yaml; return the files written."""
    async with opened_storage(database) as store:
        records = await store.faq()
    by_posting: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in records:
        by_posting[record.posting].append({"question": record.question, "answer": record.answer,
                                           "date": record.created_at.date().isoformat()})
    folder = knowledge / "faq"
    written: list[tuple[Path, int]] = []
    for posting, entries in sorted(by_posting.items()):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{posting}.yaml"
        existing = _read(path)
        known = {e.get("question") for e in existing}
        merged = existing + [e for e in entries if e["question"] not in known]
        path.write_text(yaml.safe_dump({"posting": posting, "entries": merged}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        written.append((path, len(merged)))
    return written


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("entries") if isinstance(data, dict) else None
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
