"""The service: built once from Settings, whatever the channel, with an explicit start and stop."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.conversation import Incoming, Reply
from bot.engine import Engine
from bot.service import Service
from bot.storage import StoreError
from bot.storage.memory import MemoryStorage


async def _nowhere(chat_id: int, reply: Reply) -> None:
    """A channel that reaches no chat."""


@pytest.mark.asyncio
async def test_a_started_service_answers_and_runs_its_background_tasks_until_stopped(bundled: Engine) -> None:
    storage = MemoryStorage()
    service = await Service.start(Settings(), notify=_nowhere, answer_link=str, engine=bundled,
                                  storage=storage)
    tasks = list(service.tasks)
    welcome, listing = await service.conversation.handle(Incoming("test:1", "fr", text="/start"))
    assert "Bonjour" in welcome.text and listing.buttons
    assert len(tasks) == 3 and not any(task.done() for task in tasks)  # outbox, retention purge, writes
    await service.stop()
    assert all(task.done() for task in tasks) and service.tasks == []
    with pytest.raises(StoreError, match="closed"):  # the storage goes with the service
        await storage.get_candidate("test:1")


@pytest.mark.asyncio
async def test_a_service_without_background_runs_no_task(bundled: Engine) -> None:
    service = await Service.start(Settings(), notify=_nowhere, answer_link=str, engine=bundled,
                                  storage=MemoryStorage(), background=False)
    assert service.tasks == [] and service.engine is bundled
    await service.stop()
