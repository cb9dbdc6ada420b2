"""The project's base exception: every error the bot raises on purpose derives from BotError.

    BotError
    ├── ConfigError (bot.config), MailConfigError (bot.mailer): a setting is missing or wrong
    ├── ContactsError (bot.contacts): contacts.yaml cannot be used
    ├── StoreError (bot.storage): the storage could not do something
    ├── DeliveryError (bot.mailer): a mail did not go (Temporary..., Permanent...)
    └── ChatDeliveryError (bot.outbox): a message did not reach a chat (ChatUnreachable..., TemporaryChat...)

So an entry point can catch BotError to tell the user what went wrong, and let anything else (a bug) show.
Errors that were ValueErrors stay ValueErrors too.
"""

from __future__ import annotations


class BotError(Exception):
    """An error of the bot's own making: its message says what was wrong, where, and what to do."""


class ConfigError(BotError, ValueError):
    """A configuration variable is missing or invalid; the message names it and says what to do. (Here, not in
    bot.config, so that the command line catches it without importing the settings and the mailer.)"""
