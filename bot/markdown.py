"""Markdown to a flat stream of tokens, as markdown-it lays them out (heading_open, inline, list_item_open...).

The parser is markdown-it-pyrs, the Rust port of markdown-it by the maintainers of markdown-it-py: the same
CommonMark rules, about ten times as fast (it was 60 % of the time to load the corpus). It gives a tree; the
knowledge loader reads a flat stream, so the tree is laid out flat here, with the token names of markdown-it-py:

- blocks: heading_open (tag "h1".."h6") / inline / heading_close; paragraph_open / inline / paragraph_close
  (also around the text of a tight list item, as markdown-it-py does); bullet_list_open, ordered_list_open,
  list_item_open and their closes; blockquote_open/close; hr; fence and html_block (their text in content); a
  table row as tr_open, one inline per cell, tr_close;
- inline children: text, code_inline (content), softbreak, hardbreak, strong_open/close, em_open/close,
  link_open (attrs["href"]) / link_close, image (its alt text in content), html_inline (content).

Indented text is prose in these files, not code: the indented-code rule is off; so are link reference
definitions (a "[1]: ..." line stays text). What is nested deeper than MAX_NESTING is read as its plain text,
as markdown-it-py does past its own limit.

The Rust parser recurses on nesting: tens of thousands of levels ("> " written 50,000 times, as many "*a ")
overflow the stack and kill the process, which no exception handler can catch. So a text that could nest
deeper than MAX_INPUT_NESTING is refused before it is parsed (TooDeep): the most nested real posting of the
corpus could nest 17 levels at most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from markdown_it_pyrs import MarkdownIt, Node

MAX_NESTING = 50  # blocks in blocks, or emphasis in emphasis
MAX_INPUT_NESTING = 2000  # the most levels a text may be able to nest to be parsed at all
_CONTAINER_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]*", re.MULTILINE)  # what opens quotes and lists on a line
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class TooDeep(ValueError):
    """A Markdown text that could nest deeper than the parser can safely go."""


# CommonMark without "code" (indented code) and "reference" (link reference definitions), with tables
_RULES = ("blockquote", "fence", "heading", "hr", "lheading", "list", "paragraph", "html_block", "table",
          "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "html_inline")


@dataclass(slots=True)
class Token:
    """One token of the flat stream."""

    type: str
    tag: str = ""
    content: str = ""
    children: list[Token] | None = None
    attrs: dict[str, str] | None = None  # a link's {"href": ...}


def parser() -> MarkdownIt:
    """A CommonMark parser with tables and raw HTML, without indented code and reference definitions."""
    markdown = MarkdownIt("zero")
    markdown.enable_many(cast(Any, list(_RULES)))  # the stubs list every rule name as a Literal
    return markdown


def tokens(markdown: str, *, using: MarkdownIt) -> list[Token]:
    """The flat token stream of a Markdown text; TooDeep when it could nest deeper than MAX_INPUT_NESTING."""
    depth = nesting_bound(markdown)
    if depth > MAX_INPUT_NESTING:
        raise TooDeep(f"the Markdown could nest {depth} levels deep (quotes, lists, emphasis or links in one "
                      f"another; at most {MAX_INPUT_NESTING} are read): flatten it")
    out: list[Token] = []
    for node in using.tree(markdown).children:
        _block(node, out, 0)
    return out


def nesting_bound(markdown: str) -> int:
    """How deep a Markdown text could nest at most: quotes and lists open on a line's prefix ("> - > 1. "), or
    by indentation (two spaces at least a level); emphasis and links nest within one paragraph."""
    blocks = max((len(match.group()) for match in _CONTAINER_PREFIX.finditer(markdown)), default=0)
    inline = max((max(part.count("*") + part.count("_"), part.count("[")) for part in _BLANK_LINE.split(markdown)),
                 default=0)
    return max(blocks, inline)


_INLINE = frozenset({"text", "text_special", "strong", "em", "link", "autolink", "image", "code_inline", "softbreak",
                     "hardbreak", "html_inline", "strikethrough"})
_LISTS = {"bullet_list": "bullet_list", "ordered_list": "ordered_list", "list_item": "list_item",
          "blockquote": "blockquote"}


def _block(node: Node, out: list[Token], depth: int) -> None:
    name = node.name  # each access to a node's name, meta or children builds Python objects: read them once
    if depth > MAX_NESTING:
        out += [Token("paragraph_open", "p"), Token("inline", children=[Token("text", content=_plain(node))]),
                Token("paragraph_close", "p")]
    elif name in ("heading", "lheading"):
        tag = f"h{node.meta.get('level', 1)}"
        out += [Token("heading_open", tag), _inline_token(node.children), Token("heading_close", tag)]
    elif name == "paragraph":
        out += [Token("paragraph_open", "p"), _inline_token(node.children), Token("paragraph_close", "p")]
    elif name in _LISTS:
        out.append(Token(f"{_LISTS[name]}_open"))
        run: list[Node] = []
        for child in node.children:  # a tight list item holds its text bare: wrapped in a paragraph here
            if child.name in _INLINE:
                run.append(child)
                continue
            _paragraph(run, out)
            run = []
            _block(child, out, depth + 1)
        _paragraph(run, out)
        out.append(Token(f"{_LISTS[name]}_close"))
    elif name in ("fence", "code_block", "html_block"):
        out.append(Token("fence" if name == "code_block" else name, content=str(node.meta.get("content", ""))))
    elif name == "hr":
        out.append(Token("hr"))
    elif name == "trow":
        out.append(Token("tr_open"))
        out += [_inline_token(cell.children) for cell in node.children]
        out.append(Token("tr_close"))
    else:  # table, thead, tbody and any other container
        for child in node.children:
            _block(child, out, depth + 1)


def _paragraph(run: Sequence[Node], out: list[Token]) -> None:
    if run:
        out += [Token("paragraph_open", "p"), _inline_token(run), Token("paragraph_close", "p")]


def _inline_token(nodes: Sequence[Node]) -> Token:
    children: list[Token] = []
    for node in nodes:
        _inline(node, children, 0)
    return Token("inline", children=children)


def _inline(node: Node, out: list[Token], depth: int) -> None:
    name = node.name
    if name == "text" or name == "text_special":
        out.append(Token("text", content=str(node.meta.get("content", ""))))
    elif depth > MAX_NESTING:
        out.append(Token("text", content=_plain(node)))
    elif name in ("softbreak", "hardbreak"):
        out.append(Token(name))
    elif name == "html_inline":
        out.append(Token("html_inline", content=str(node.meta.get("content", ""))))
    elif name == "code_inline":
        out.append(Token("code_inline", content=_plain(node)))
    elif name == "image":
        out.append(Token("image", content=_plain(node)))
    elif name in ("strong", "em"):
        out.append(Token(f"{name}_open"))
        for child in node.children:
            _inline(child, out, depth + 1)
        out.append(Token(f"{name}_close"))
    elif name in ("link", "autolink"):
        out.append(Token("link_open", attrs={"href": str(node.meta.get("url", ""))}))
        for child in node.children:
            _inline(child, out, depth + 1)
        out.append(Token("link_close"))
    else:  # strikethrough and any other wrapper: its text
        for child in node.children:
            _inline(child, out, depth + 1)


def _plain(node: Node) -> str:
    """The text a node holds, without markup (an image's alt text, inline code), read without recursion."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.name in ("text", "text_special", "html_block", "html_inline", "fence"):
            parts.append(str(current.meta.get("content", "")))
        elif current.name in ("softbreak", "hardbreak"):
            parts.append(" ")
        stack.extend(reversed(current.children))
    return "".join(parts)
