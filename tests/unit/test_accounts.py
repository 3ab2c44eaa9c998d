"""Accounts, thread ownership, demo sessions and feedback, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import typer
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from memory.accounts import (
    Account,
    AccountError,
    AccountExistsError,
    AccountStore,
    ThreadOwnedError,
)
from memory.schema import account_metadata, accounts, feedback, sessions, threads
from shopgraph.accounts_cli import accounts_app
from store import schema as store_schema
from store.catalog import Catalog
from tests.conftest import NOW

runner = CliRunner()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(catalog: Catalog, clock: Clock) -> AccountStore:
    return AccountStore(catalog.engine, clock=clock)


def rows(store: AccountStore, table: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(table))]


def count(store: AccountStore, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# -- schema --------------------------------------------------------------------------------


def test_tables_are_created_on_their_own_metadata(store: AccountStore) -> None:
    names = {"accounts", "sessions", "threads", "feedback"}
    assert set(account_metadata.tables) == names
    assert not names & set(store_schema.metadata.tables)
    assert names <= set(inspect(store.engine).get_table_names())
    AccountStore(store.engine)  # opening again on existing tables is fine
    assert count(store, accounts) == 0


# -- accounts and keys ---------------------------------------------------------------------


def test_create_returns_the_account_and_a_key_that_authenticates(store: AccountStore) -> None:
    account, key = store.create("alice")
    assert re.fullmatch(r"acct_[0-9a-f]{16}", account.id)
    assert (account.name, account.demo, account.created_at) == ("alice", False, NOW)
    assert re.fullmatch(r"sg_[A-Za-z0-9_-]{43}", key)
    assert store.authenticate(key) == account
    bob, bob_key = store.create("bob")
    assert bob.id != account.id and bob_key != key
    assert store.authenticate(bob_key) == bob


def test_the_key_is_stored_only_as_its_sha256(store: AccountStore) -> None:
    account, key = store.create("alice")
    token = store.open_session(account.id)
    stored = rows(store, accounts) + rows(store, sessions)
    text = json.dumps(stored, default=str)
    assert key not in text and key.removeprefix("sg_") not in text
    assert token not in text
    (row,) = rows(store, accounts)
    assert row["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    (session,) = rows(store, sessions)
    assert session["token_hash"] == hashlib.sha256(token.encode()).hexdigest()


@pytest.mark.parametrize(
    "key",
    ["", "sg_", "nope", "sg_short", "sg_" + "a" * 43 + " ", "sg_" + "é" * 43, "x" * 5000, None],
)
def test_a_malformed_key_is_simply_unknown(store: AccountStore, key: Any) -> None:
    store.create("alice")
    assert store.authenticate(key) is None


def test_a_wrong_key_of_the_right_shape_is_unknown(store: AccountStore) -> None:
    _, key = store.create("alice")
    assert store.authenticate("sg_" + "A" * 43) is None
    assert store.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B")) is None


@pytest.mark.parametrize("name", ["a", "A.b-c_9", "x" * 64, "demo2", "...", "0"])
def test_good_names(store: AccountStore, name: str) -> None:
    account, _ = store.create(name)
    assert account.name == name
    assert [a.name for a in store.list_accounts()] == [name]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "1 to 64 characters (got 0)"),
        ("x" * 65, "1 to 64 characters (got 65)"),
        ("has space", "only ASCII letters"),
        ("zoë", "only ASCII letters"),
        ("semi;colon", "only ASCII letters"),
        ("alice\n", "only ASCII letters"),
        ("a/b", "only ASCII letters"),
        ("demo", "reserved for the demo account"),
        ("Demo", "reserved for the demo account"),
    ],
)
def test_bad_names_are_refused_with_the_problem_named(
    store: AccountStore, name: str, problem: str
) -> None:
    with pytest.raises(AccountError, match=re.escape(problem)):
        store.create(name)
    assert store.list_accounts() == []


def test_an_existing_name_is_refused(store: AccountStore) -> None:
    first, _ = store.create("alice")
    with pytest.raises(AccountExistsError, match="'alice' already exists") as raised:
        store.create("alice")
    assert isinstance(raised.value, AccountError) and isinstance(raised.value, ValueError)
    assert store.list_accounts() == [first]


def test_list_accounts_oldest_first(store: AccountStore, clock: Clock) -> None:
    assert store.list_accounts() == []
    zed, _ = store.create("zed")
    clock.advance(minutes=1)
    amy, _ = store.create("amy")
    demo = store.demo_account()
    assert store.list_accounts() == [zed, amy, demo]
    assert [a.demo for a in store.list_accounts()] == [False, False, True]


def test_the_demo_account_is_made_once_and_has_no_key(store: AccountStore) -> None:
    demo = store.demo_account()
    assert (demo.name, demo.demo) == ("demo", True)
    assert store.demo_account() == demo
    (row,) = rows(store, accounts)
    assert row["key_hash"] is None
    assert store.authenticate("sg_" + "a" * 43) is None


# -- sessions ------------------------------------------------------------------------------


def test_a_session_signs_in_until_it_expires(store: AccountStore, clock: Clock) -> None:
    demo = store.demo_account()
    token = store.open_session(demo.id)
    assert store.session_account(token) == demo
    clock.advance(days=29, hours=23)
    assert store.session_account(token) == demo
    clock.advance(hours=1)
    assert store.session_account(token) is None


def test_a_short_session(store: AccountStore, clock: Clock) -> None:
    account, _ = store.create("alice")
    token = store.open_session(account.id, ttl=dt.timedelta(minutes=5))
    other = store.open_session(account.id, ttl=dt.timedelta(minutes=10))
    assert token != other
    clock.advance(minutes=6)
    assert store.session_account(token) is None
    assert store.session_account(other) == account


@pytest.mark.parametrize("token", ["", "unknown-but-well-formed-token-xyz", "a b", "x" * 500, None])
def test_unknown_or_malformed_tokens_sign_no_one_in(store: AccountStore, token: Any) -> None:
    store.open_session(store.demo_account().id)
    assert store.session_account(token) is None


def test_expired_sessions_are_dropped_when_a_new_one_opens(
    store: AccountStore, clock: Clock
) -> None:
    demo = store.demo_account()
    store.open_session(demo.id, ttl=dt.timedelta(hours=1))
    kept = store.open_session(demo.id, ttl=dt.timedelta(days=2))
    clock.advance(hours=2)
    store.open_session(demo.id)
    assert count(store, sessions) == 2
    assert store.session_account(kept) == demo


def test_a_session_needs_an_account_and_a_positive_ttl(store: AccountStore) -> None:
    with pytest.raises(AccountError, match="no account with id 'acct_nobody'"):
        store.open_session("acct_nobody")
    demo = store.demo_account()
    with pytest.raises(AccountError, match="ttl must be positive"):
        store.open_session(demo.id, ttl=dt.timedelta(0))
    assert count(store, sessions) == 0


# -- threads -------------------------------------------------------------------------------


def test_a_claimed_thread_is_the_accounts_alone(store: AccountStore) -> None:
    alice, _ = store.create("alice")
    mallory, _ = store.create("mallory")
    store.claim_thread(alice.id, "t-1", "quiet blender under 150")
    assert store.owns_thread(alice.id, "t-1")
    assert not store.owns_thread(mallory.id, "t-1")
    with pytest.raises(ThreadOwnedError, match="'t-1' belongs to another account"):
        store.claim_thread(mallory.id, "t-1", "mine now")
    assert not store.owns_thread(mallory.id, "t-1")
    assert store.threads(mallory.id) == []
    (record,) = store.threads(alice.id)
    assert (record.thread_id, record.title) == ("t-1", "quiet blender under 150")
    assert (record.created_at, record.updated_at) == (NOW, NOW)


def test_claiming_again_is_a_no_op_for_the_owner(store: AccountStore, clock: Clock) -> None:
    alice, _ = store.create("alice")
    store.claim_thread(alice.id, "t-1", "first")
    clock.advance(minutes=1)
    store.claim_thread(alice.id, "t-1", "second")
    (record,) = store.threads(alice.id)
    assert (record.title, record.created_at) == ("first", NOW)
    assert count(store, threads) == 1


def test_unknown_threads_are_no_ones(store: AccountStore) -> None:
    alice, _ = store.create("alice")
    assert not store.owns_thread(alice.id, "never-started")
    store.touch_thread("never-started")
    assert count(store, threads) == 0


def test_the_title_is_one_line_of_80_characters(store: AccountStore) -> None:
    alice, _ = store.create("alice")
    store.claim_thread(alice.id, "t-1", "  compare\n\nthe two   best " + "x" * 100)
    (record,) = store.threads(alice.id)
    assert record.title == ("compare the two best " + "x" * 100)[:80]
    assert len(record.title) == 80


def test_threads_newest_first_and_touch_moves_one_up(store: AccountStore, clock: Clock) -> None:
    alice, _ = store.create("alice")
    for n in range(3):
        store.claim_thread(alice.id, f"t-{n}", f"message {n}")
        clock.advance(minutes=1)
    assert [t.thread_id for t in store.threads(alice.id)] == ["t-2", "t-1", "t-0"]
    store.touch_thread("t-0")
    listed = store.threads(alice.id)
    assert [t.thread_id for t in listed] == ["t-0", "t-2", "t-1"]
    assert listed[0].updated_at == NOW + dt.timedelta(minutes=3)
    assert listed[0].created_at == NOW
    assert [t.thread_id for t in store.threads(alice.id, limit=2)] == ["t-0", "t-2"]
    with pytest.raises(AccountError, match="limit must be at least 1"):
        store.threads(alice.id, limit=0)


def test_claiming_needs_a_known_account_and_a_sane_id(store: AccountStore) -> None:
    with pytest.raises(AccountError, match="no account with id 'acct_nobody'"):
        store.claim_thread("acct_nobody", "t-1", "hello")
    alice, _ = store.create("alice")
    for bad in ("", "t" * 129):
        with pytest.raises(AccountError, match="thread id has 1 to 128 characters"):
            store.claim_thread(alice.id, bad, "hello")
    assert count(store, threads) == 0


def test_racing_claims_leave_one_owner(store: AccountStore) -> None:
    claimants = [store.create(f"user{n}")[0].id for n in range(6)]

    def claim(account_id: str) -> str:
        try:
            store.claim_thread(account_id, "contested", "hello")
        except ThreadOwnedError:
            return "refused"
        return "owner"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(claim, claimants))
    assert sorted(outcomes) == ["owner"] + ["refused"] * 5
    winner = claimants[outcomes.index("owner")]
    assert [a for a in claimants if store.owns_thread(a, "contested")] == [winner]


# -- feedback ------------------------------------------------------------------------------


def test_feedback_is_stored_and_found_by_thread_and_account(
    store: AccountStore, clock: Clock
) -> None:
    alice, _ = store.create("alice")
    bob, _ = store.create("bob")
    up = store.add_feedback(alice.id, "t-1", "run-1", "up")
    clock.advance(seconds=5)
    down = store.add_feedback(alice.id, "t-2", "run-2", "down", "  too pricey  ")
    other = store.add_feedback(bob.id, "t-3", "run-3", "up", "   ")
    assert (up.account_id, up.thread_id, up.run_id, up.rating, up.comment) == (
        alice.id,
        "t-1",
        "run-1",
        "up",
        None,
    )
    assert (down.comment, down.created_at) == ("too pricey", NOW + dt.timedelta(seconds=5))
    assert other.comment is None
    assert len({up.id, down.id, other.id}) == 3
    assert store.feedback() == [up, down, other]
    assert store.feedback(thread_id="t-2") == [down]
    assert store.feedback(account_id=alice.id) == [up, down]
    assert store.feedback(thread_id="t-3", account_id=alice.id) == []
    assert store.feedback(thread_id="t-9") == []


def test_a_2000_character_comment_fits(store: AccountStore) -> None:
    alice, _ = store.create("alice")
    record = store.add_feedback(alice.id, "t-1", "run-1", "down", "é" * 2000)
    assert store.feedback() == [record] and record.comment == "é" * 2000


@pytest.mark.parametrize(
    ("rating", "comment", "problem"),
    [
        ("meh", None, "a rating is 'up' or 'down' (got 'meh')"),
        ("UP", None, "a rating is 'up' or 'down'"),
        ("", None, "a rating is 'up' or 'down'"),
        ("up", "x" * 2001, "a comment has at most 2000 characters (got 2001)"),
    ],
)
def test_bad_feedback_is_refused(
    store: AccountStore, rating: Any, comment: str | None, problem: str
) -> None:
    alice, _ = store.create("alice")
    with pytest.raises(AccountError, match=re.escape(problem)):
        store.add_feedback(alice.id, "t-1", "run-1", rating, comment)
    assert store.feedback() == []


def test_feedback_needs_a_known_account_and_sane_ids(store: AccountStore) -> None:
    with pytest.raises(AccountError, match="no account with id 'acct_nobody'"):
        store.add_feedback("acct_nobody", "t-1", "run-1", "up")
    alice, _ = store.create("alice")
    with pytest.raises(AccountError, match="run id has 1 to 128 characters"):
        store.add_feedback(alice.id, "t-1", "", "up")
    with pytest.raises(AccountError, match="thread id has 1 to 128 characters"):
        store.add_feedback(alice.id, "t" * 129, "run-1", "up")
    assert count(store, feedback) == 0


# -- command line --------------------------------------------------------------------------


def test_cli_create_prints_the_key_alone_on_stdout(catalog: Catalog) -> None:
    result = runner.invoke(accounts_app, ["create", "alice"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and re.fullmatch(r"sg_[A-Za-z0-9_-]{43}", lines[0])
    assert "shown once" in result.stderr and lines[0] not in result.stderr
    account = AccountStore(catalog.engine).authenticate(lines[0])
    assert account is not None and account.name == "alice"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("alice", "'alice' already exists"), ("bad name", "only ASCII letters"), ("demo", "reserved")],
)
def test_cli_create_refuses_bad_and_taken_names(catalog: Catalog, name: str, problem: str) -> None:
    assert runner.invoke(accounts_app, ["create", "alice"]).exit_code == 0
    result = runner.invoke(accounts_app, ["create", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and problem in result.stderr
    assert [a.name for a in AccountStore(catalog.engine).list_accounts()] == ["alice"]


def test_cli_list_as_table_and_json(catalog: Catalog) -> None:
    result = runner.invoke(accounts_app, ["list"])
    assert result.exit_code == 0 and "no accounts yet" in result.stdout
    store = AccountStore(catalog.engine)
    alice, _ = store.create("alice")
    demo = store.demo_account()
    result = runner.invoke(accounts_app, ["list"])
    assert result.exit_code == 0, result.output
    assert alice.id in result.stdout and "alice" in result.stdout and demo.id in result.stdout
    result = runner.invoke(accounts_app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    listed = [Account.model_validate(item) for item in json.loads(result.stdout)]
    assert listed == [alice, demo]
    assert set(json.loads(result.stdout)[0]) == {"id", "name", "demo", "created_at"}


def test_cli_mounts_as_shopgraph_accounts(catalog: Catalog) -> None:
    app = typer.Typer()
    app.add_typer(accounts_app, name="accounts")
    created = runner.invoke(app, ["accounts", "create", "bob"])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(app, ["accounts", "list", "--json"])
    assert [item["name"] for item in json.loads(listed.stdout)] == ["bob"]
