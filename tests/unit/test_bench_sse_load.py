"""The pure parts of the SSE load benchmark: stamps, the SSE reader, chat records."""

from __future__ import annotations

import asyncio
import itertools

from langchain_core.messages import HumanMessage

from bench.sse_load import Chat, PacedChatModel, SseReader, last_stamp, mean_open, stamp_word
from graph.renderer import StreamRenderer, Text


def test_a_stamp_word_spells_its_time_to_the_microsecond() -> None:
    word = stamp_word(4321.012345)
    assert word.isalpha() and word.islower()
    assert last_stamp(f"earlier words {word} ") == 4321.012345


def test_only_stamp_words_are_read_as_times() -> None:
    assert last_stamp("") is None
    assert last_stamp("\n\n") is None
    assert last_stamp("a quiet blender") is None
    assert last_stamp("tbad") is None  # too short to be a time


def test_stamp_words_pass_the_renderer_and_price_guard_whole() -> None:
    words = [stamp_word(1000.0 + k / 20) + " " for k in range(3)]
    renderer = StreamRenderer(allowed_ids=[])
    assert [renderer.feed(w) for w in words] == [[Text(w)] for w in words]


def test_the_paced_model_spaces_its_words_at_its_rate() -> None:
    model = PacedChatModel(messages=iter(()), words=3, rate=50.0)

    async def stream() -> list[str]:
        return [chunk.text async for chunk in model.astream([HumanMessage("hi")])]

    stamps = [s for text in asyncio.run(stream()) if (s := last_stamp(text)) is not None]
    assert len(stamps) == 3
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    assert all(abs(gap - 0.02) < 1e-5 for gap in gaps)


def test_the_sse_reader_returns_frames_and_skips_pings() -> None:
    reader = SseReader()
    lines = ["event: token\r\n", 'data: {"text": "Hi"}', "", ": ping", "", "data: a", "data: b", ""]
    frames = [frame for line in lines if (frame := reader.line(line)) is not None]
    assert frames == [("token", '{"text": "Hi"}'), ("message", "a\nb")]


def test_a_chat_times_tokens_after_the_first_and_fails_without_end() -> None:
    chat = Chat(started=10.0)
    chat.see("token", stamp_word(10.5) + " ", at=10.6)
    chat.see("token", stamp_word(10.55) + " ", at=10.56)
    assert chat.first_token is not None and abs(chat.first_token - 0.6) < 1e-9
    assert [round(a, 6) for a in chat.added] == [0.01]
    assert chat.failure == "no end event"
    chat.see("end", "", at=11.0)
    assert chat.failure is None
    chat.see("error", "model_timeout", at=11.0)
    assert chat.failure == "error event (model_timeout)"


def test_open_streams_are_averaged_over_the_window() -> None:
    chats = [Chat(started=0.0, opened=0.0, ended=10.0), Chat(started=0.0, opened=5.0, ended=20.0)]
    chats.append(Chat(started=0.0, opened=None, ended=3.0))  # refused: never open
    assert mean_open(chats, start=0.0, end=10.0) == 1.5
