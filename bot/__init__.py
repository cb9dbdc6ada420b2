"""Recruiting bot: answers candidates' questions from job postings."""

__version__ = "0.1.0"
