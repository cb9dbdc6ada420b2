"""Splitting long replies (security review, issue 8, finding 14): every part must be HTML Telegram accepts,
or Telegram refuses it and the buttons, which ride on the last part, are lost."""

from __future__ import annotations

import re

import pytest

from bot.telegram_text import split_message

ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")
TAG = re.compile(r"</?(?:b|i|blockquote|pre|code)>")


def broken_markup(part: str) -> list[str]:
    """What Telegram would reject in a part: a cut entity or tag, a tag left open or closed unopened."""
    problems = [f"cut entity at {m.start()}" for m in re.finditer("&", part) if not ENTITY.match(part, m.start())]
    problems += [f"cut tag at {m.start()}" for m in re.finditer("<", part) if not TAG.match(part, m.start())]
    open_tags: list[str] = []
    for tag in TAG.findall(part):
        if tag.startswith("</"):
            if not open_tags or open_tags.pop() != tag[2:-1]:
                problems.append(f"unmatched {tag}")
        else:
            open_tags.append(tag[1:-1])
    return problems + [f"<{tag}> left open" for tag in open_tags]


@pytest.mark.parametrize("before", range(50, 66))
def test_a_long_line_is_never_cut_inside_an_entity(before: int) -> None:
    text = "x" * before + "R&amp;D &lt;3 " + "y" * 150  # no space near the cut: it falls where it must
    parts = split_message(text, limit=100)
    assert len(parts) > 1
    assert all(len(part) <= 100 for part in parts)
    assert [broken_markup(part) for part in parts] == [[] for _ in parts]
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")  # nothing lost but the spaces at cuts


@pytest.mark.parametrize("before", range(50, 66))
def test_a_long_line_is_never_cut_inside_a_tag(before: int) -> None:
    text = "x" * before + "<b>gras</b><i>" + "y" * 150 + "</i>"
    parts = split_message(text, limit=100)
    assert [broken_markup(part) for part in parts] == [[] for _ in parts]


def test_a_long_preformatted_report_is_closed_and_reopened_in_each_part() -> None:
    text = "<pre>" + "\n".join(f"ligne {n} : R&amp;D" for n in range(40)) + "</pre>"
    parts = split_message(text, limit=200)
    assert len(parts) > 1
    assert [broken_markup(part) for part in parts] == [[] for _ in parts]


def test_a_reply_of_emoji_is_cut_to_telegrams_length_in_utf16_code_units() -> None:
    """An emoji outside the BMP counts two for Telegram: 3,000 of them are 6,000 units, too long for one message."""
    text = "\n".join("🚀 " * 30 for _ in range(100))  # 3,000 emoji, 6,000 code units
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(part.encode("utf-16-le")) // 2 <= 4096 for part in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_a_single_line_of_emoji_is_cut_to_telegrams_length_too() -> None:
    text = "🚀" * 5000  # no space, no line end: cut where it must
    parts = split_message(text)
    assert all(len(part.encode("utf-16-le")) // 2 <= 4096 for part in parts)
    assert "".join(parts) == text
