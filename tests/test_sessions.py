"""Sessions that survive: the scenario codec, the session database (SQLite and a real PostgreSQL
server), two app processes sharing one database, and the app's restore / undo / confirmations.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from apptest_support import current_scenario, new_app, open_scenario
from paths import ROOT, SAMPLES
from pg_server import postgres_url, unavailable_reason

from sessions.codec import decode_scenario, decode_value, encode_scenario, encode_value
from sessions.store import SavedSession, SessionStore, new_token, valid_token
from workbook.model import Scenario
from workbook.read import read_scenario


def _samples() -> list[tuple[str, Scenario]]:
    out = []
    for path in sorted(SAMPLES.glob("*.xlsx")):
        result = read_scenario(path)
        for name, scn in (dict(result.variants) if result.variants else {"main": result.scenario}).items():
            out.append((f"{path.stem}/{name}", scn))
    return out


SAMPLE_SCENARIOS = _samples()


def same(a: Scenario, b: Scenario) -> bool:
    """Equal content: fields, Excel rows, name and every table (values and dtypes)."""
    assert a.fields == b.fields and a.rows == b.rows and a.name == b.name and set(a.tables) == set(b.tables)
    for key in a.tables:
        pd.testing.assert_frame_equal(a.tables[key].reset_index(drop=True), b.tables[key].reset_index(drop=True),
                                      check_exact=True)
    return True


# -- the codec -------------------------------------------------------------------------------
@pytest.mark.parametrize("name, scenario", SAMPLE_SCENARIOS, ids=[n for n, _ in SAMPLE_SCENARIOS])
def test_every_sample_comes_back_the_same(name, scenario):
    back = decode_scenario(encode_scenario(scenario))
    assert back.content_key == scenario.content_key  # the same digest: the same numbers everywhere
    assert back.name == scenario.name and back.fields == scenario.fields and back.rows == scenario.rows
    for key, frame in scenario.tables.items():
        pd.testing.assert_frame_equal(back.tables[key], frame.reset_index(drop=True), check_exact=True)
        for col in frame.columns:  # object cells keep their Python types (date stays a date)
            assert [type(v) for v in back.tables[key][col]] == [type(v) for v in frame[col]]


def test_edge_values_and_dtypes_come_back_exactly():
    frame = pd.DataFrame({
        "f": [1.5, np.nan, np.inf, -0.0],
        "i": pd.array([1, None, 3, -4], dtype="Int64"),
        "b": [True, False, True, False],
        "when": pd.to_datetime(["2024-01-01", None, "1999-12-31", "2030-06-30"]),
        "text": ["Dầu DO", None, "", "a\u200bb"],
        "mixed": [dt.date(2024, 1, 2), 3, 2.5, float("nan")],
    })
    scn = Scenario(fields={"Company": {"name": "Nhà máy", "base_year": 2023, "start": dt.date(2024, 1, 1),
                                       "rate": 0.1, "none": None}},
                   tables={"Activities": frame, "Empty": frame.iloc[0:0]}, rows={"Activities": [2, 3, 5, 9]},
                   name="x.xlsx")
    back = decode_scenario(encode_scenario(scn))
    pd.testing.assert_frame_equal(back.tables["Activities"], frame, check_exact=True)
    assert [type(v) for v in back.tables["Activities"]["mixed"]] == [dt.date, int, float, float]
    assert np.signbit(back.tables["Activities"]["f"].iloc[3])  # even -0.0
    assert back.tables["Empty"].dtypes.tolist() == frame.dtypes.tolist() and len(back.tables["Empty"]) == 0
    assert back.fields == scn.fields and isinstance(back.fields["Company"]["start"], dt.date)


@pytest.mark.parametrize("value", [None, True, 0, -7, 2.5, float("nan"), float("-inf"), "x", dt.date(2024, 2, 29),
                                   dt.datetime(2024, 1, 2, 3, 4, 5), pd.Timestamp("2024-03-01"), np.float64(1.25),
                                   np.int64(-3), pd.NA, [1, "a", None], (2, 3)])
def test_values_keep_their_type(value):
    back = decode_value(json.loads(json.dumps(encode_value(value), allow_nan=False)))
    assert type(back) is type(value)
    assert (back is value) or (back == value) or (isinstance(value, float) and np.isnan(value) and np.isnan(back))


def test_an_unknown_type_is_refused_not_guessed():
    with pytest.raises(TypeError):
        encode_value(object())
    with pytest.raises(TypeError):
        encode_scenario(Scenario(fields={}, tables={"T": pd.DataFrame({"c": pd.Categorical(["a"])})}))


def test_the_bytes_are_data_not_code():
    data = encode_scenario(SAMPLE_SCENARIOS[0][1])
    assert b"pickle" not in data and data[:2] == b"PK"  # a zip of JSON and raw arrays


# -- the store: SQLite and PostgreSQL ----------------------------------------------------------
@pytest.fixture(scope="module")
def pg_url():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with postgres_url() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sessions.sqlite3'}"
    url = request.getfixturevalue("pg_url")
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # each test starts from an empty database
        conn.execute(sa.text("DROP TABLE IF EXISTS session_scenarios, sessions"))
    engine.dispose()
    return url


def _session(**over) -> SavedSession:
    base = SAMPLE_SCENARIOS[0][1]
    edited = base.with_table("Activities", base.activities.assign(quantity=base.activities["quantity"] * 2))
    values = dict(variants={"Variant 1": base, "Doubled": edited}, current="Doubled", lang="vi", edited=True,
                  trainer=True, settings={"hh_price": 0.23, "mv_months": [1, 2], "start": dt.date(2025, 1, 1)})
    values.update(over)
    return SavedSession(**values)


def test_tokens_are_unguessable_and_checked():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000 and all(valid_token(t) and len(t) == 43 for t in tokens)  # 256 random bits
    assert not valid_token("' OR 1=1 --") and not valid_token("") and not valid_token(None)


def test_save_and_load(db_url):
    store = SessionStore(db_url)
    token, saved = new_token(), _session()
    store.save(token, saved)
    back = SessionStore(db_url).load(token)  # another store: another process's view
    assert list(back.variants) == ["Variant 1", "Doubled"] and back.current == "Doubled"
    assert back.lang == "vi" and back.edited and back.trainer and back.settings == saved.settings
    for name, scn in saved.variants.items():
        assert same(back.variants[name], scn)


def test_two_sessions_never_see_each_other(db_url):
    store = SessionStore(db_url)
    a, b = new_token(), new_token()
    store.save(a, _session(current="Variant 1", lang="en"))
    store.save(b, _session(variants={"Only": SAMPLE_SCENARIOS[1][1]}, current="Only"))
    assert list(store.load(a).variants) == ["Variant 1", "Doubled"] and store.load(a).lang == "en"
    assert list(store.load(b).variants) == ["Only"]
    assert store.load(new_token()) is None and store.load(a[:-1] + ("A" if a[-1] != "A" else "B")) is None
    assert store.load("' OR '1'='1") is None


def test_saving_writes_only_new_scenarios_and_drops_unused_ones(db_url):
    store = SessionStore(db_url)
    token, saved = new_token(), _session()
    store.save(token, saved)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM session_scenarios")).scalar_one() == 2
    store.save(token, _session(variants={"Doubled": saved.variants["Doubled"]}, current="Doubled"))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM session_scenarios")).scalar_one() == 1
        columns = {c["name"] for t in ("sessions", "session_scenarios") for c in sa.inspect(conn).get_columns(t)}
    assert columns == {"token", "state", "created_at", "updated_at", "digest", "data"}  # nothing else is stored


def test_sessions_expire(db_url):
    store = SessionStore(db_url, days=30)
    old, fresh = new_token(), new_token()
    store.save(old, _session())
    store.save(fresh, _session())
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE sessions SET updated_at = :t WHERE token = :k"),
                     {"t": dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=31), "k": old})
    assert store.load(old) is None and store.load(fresh) is not None
    store.purge_expired(force=True)  # (loading purges too, at most once a minute)
    assert store.count() == 1
    with store.engine.connect() as conn:  # its scenarios went with it
        assert conn.execute(sa.text("SELECT COUNT(*) FROM session_scenarios WHERE token = :k"), {"k": old}).scalar_one() == 0


def test_concurrent_saves_from_many_threads(db_url):
    from concurrent.futures import ThreadPoolExecutor
    store = SessionStore(db_url)
    tokens = [new_token() for _ in range(12)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda t: [store.save(t, _session(lang="en" if i % 2 else "vi")) for i in range(3)], tokens))
    assert store.count() == 12 and all(store.load(t) is not None for t in tokens)


# -- two app processes sharing one database --------------------------------------------------
PROCESS = textwrap.dedent('''
    import sys
    sys.path.insert(0, {tests!r})
    from apptest_support import new_app
    at = new_app()
    token = sys.argv[1] if len(sys.argv) > 1 else None
    if token:
        at.query_params["s"] = token
    at.run()
    assert not at.exception, at.exception
    if not token:  # process A: a second variant, renamed, in English, saved under a new token
        at.sidebar.radio(key="sidebar_lang").set_value("en").run()
        at.sidebar.text_input(key="sidebar_variant_name_en").set_value("Group B").run()
        at.sidebar.button(key="sidebar_variant_duplicate").click().run()
        assert not at.exception, at.exception
    import json
    print("RESULT " + json.dumps([at.query_params["s"], at.session_state["lang"],
                                  "|".join(at.session_state["variants"]), at.session_state["variant"]]))
''')


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_app_processes_share_sessions(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 's.sqlite3'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    script = tmp_path / "process.py"
    script.write_text(PROCESS.format(tests=str(ROOT / "tests")))
    env = {**os.environ, "ENERGY_SCENARIOS_DATABASE_URL": url}

    def run(*args):
        proc = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return next(json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("RESULT "))

    token, lang, names, current = run()
    assert lang == "en" and names == "Phương án 1|Group B" and current == "Group B"  # opened in Vietnamese
    assert run(token) == [token, "en", "Phương án 1|Group B", "Group B"]  # the other process sees it all
    other = run()
    assert other[0] != token


# -- the app ----------------------------------------------------------------------------------
def _reopen(at, lang=None):
    """What a refresh or a new tab with the same link does: a new browser session, same URL."""
    again = new_app(lang)
    again.query_params["s"] = at.query_params["s"]
    return again.run()


def test_a_refresh_brings_back_every_variant_the_language_and_trainer_mode():
    at = new_app("en").run()
    token = at.query_params["s"]
    assert valid_token(token)
    scenario = current_scenario(at)
    edited = scenario.with_table("Activities", scenario.activities.assign(quantity=scenario.activities["quantity"] + 1))
    open_scenario(at, edited, "Plan A")
    at.session_state["scenario_edited"] = True
    at.run()
    at.sidebar.radio(key="sidebar_lang").set_value("vi").run()
    at.sidebar.toggle(key="sidebar_trainer").set_value(True).run()
    assert not at.exception
    back = _reopen(at)
    assert not back.exception
    assert back.query_params["s"] == token and back.session_state["lang"] == "vi"
    assert list(back.session_state["variants"]) == ["Plan A"]
    assert same(current_scenario(back), edited)
    assert back.session_state["sidebar_trainer"] and back.session_state["scenario_edited"]
    assert any("phiên đã lưu" in s.value for s in back.sidebar.success)
    assert back.metric[0].value == at.metric[0].value  # the same numbers on the page


def test_a_new_visit_without_a_token_is_a_new_session():
    a, b = new_app("en").run(), new_app("en").run()
    assert a.query_params["s"] != b.query_params["s"]
    a.sidebar.button(key="sidebar_variant_duplicate").click().run()
    assert len(_reopen(a).session_state["variants"]) == 2 and len(_reopen(b).session_state["variants"]) == 1


def test_an_unknown_or_malformed_link_starts_afresh_and_says_so():
    for bad in [new_token(), "not-a-token", "' OR 1=1 --"]:
        at = new_app("en")
        at.query_params["s"] = bad
        at.run()
        assert not at.exception
        assert at.query_params["s"] != bad and valid_token(at.query_params["s"])
        assert any("was not found" in w.value for w in at.sidebar.warning)


def test_the_sidebar_shows_the_link_and_start_afresh_asks_first():
    at = new_app("en").run()
    token = at.query_params["s"]
    assert any(c.value.endswith(f"?s={token}") for c in at.sidebar.code)
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    at.sidebar.button(key="sidebar_fresh").click().run()
    assert at.query_params["s"] == token and len(at.session_state["variants"]) == 2  # asked, not done
    at.button(key="confirm_yes").click().run()
    assert not at.exception
    assert at.query_params["s"] != token and len(at.session_state["variants"]) == 1
    old = new_app("en")
    old.query_params["s"] = token
    assert len(old.run().session_state["variants"]) == 2  # the old session is still at its link


def test_undo_and_redo_every_change_up_to_50_steps():
    at = new_app("en").run()
    assert at.sidebar.button(key="sidebar_undo").disabled
    for i in range(3):
        at.sidebar.text_input(key="sidebar_variant_name_en").set_value(f"V{i}").run()
        at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    at.sidebar.text_input(key="sidebar_variant_name_en").set_value("Renamed").run()
    at.sidebar.button(key="sidebar_variant_rename").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1", "V0", "V1", "Renamed"]
    at.sidebar.button(key="sidebar_undo").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1", "V0", "V1", "V2"]
    assert any("Undone: renaming to Renamed" in i.value for i in at.sidebar.info)
    at.sidebar.button(key="sidebar_undo").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1", "V0", "V1"]
    assert at.sidebar.selectbox(key="sidebar_variant_en").value == "V1"  # the picker names the open variant
    at.sidebar.button(key="sidebar_redo").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1", "V0", "V1", "V2"]
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()  # a new change drops the redo steps
    assert at.sidebar.button(key="sidebar_redo").disabled
    for i in range(60):
        at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    assert len(at.session_state["undo_stack"]) == 50
    for i in range(50):
        at.sidebar.button(key="sidebar_undo").click().run()
    assert at.sidebar.button(key="sidebar_undo").disabled and len(at.session_state["variants"]) == 66 - 50 - 1


def test_undo_brings_back_a_deleted_variant_and_its_edits():
    at = new_app("en").run()
    scenario = current_scenario(at)
    at.sidebar.text_input(key="sidebar_variant_name_en").set_value("Mine").run()
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    mine = scenario.with_field("Finance", "discount_rate_pct", 3.0)  # an edit of "Mine"
    at.session_state["variants"] = {"Variant 1": scenario, "Mine": mine}
    at.run()
    at.sidebar.button(key="sidebar_variant_delete").click().run()
    at.button(key="confirm_yes").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1"] and current_scenario(at) is scenario
    at.sidebar.button(key="sidebar_undo").click().run()
    assert list(at.session_state["variants"]) == ["Variant 1", "Mine"]
    assert current_scenario(at).fields["Finance"]["discount_rate_pct"] == 3.0
    assert at.sidebar.selectbox(key="sidebar_variant_en").value == "Mine"


def test_opening_a_sample_over_work_asks_and_can_add_instead():
    at = new_app("en").run()
    at.sidebar.button(key="sidebar_sample_load").click().run()  # nothing to lose: no question
    assert "confirm" not in at.session_state
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    at.sidebar.button(key="sidebar_sample_load").click().run()
    assert at.session_state["confirm"]["kind"] == "replace"
    assert any("replaces the 2 variant(s)" in m.value for m in at.markdown)
    at.button(key="confirm_add").click().run()
    assert len(at.session_state["variants"]) == 3 and "confirm" not in at.session_state


def test_the_picker_names_the_variant_a_file_added_as_variants_opened():
    from apptest_support import current_scenario as cur
    at = new_app("en").run()
    at.sidebar.text_input(key="sidebar_variant_name_en").set_value("Second").run()
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    at.sidebar.selectbox(key="sidebar_variant_en").set_value("Variant 1").run()
    at.sidebar.radio(key="sidebar_source_en").set_value("upload").run()
    at.sidebar.checkbox(key="sidebar_add_variant_en").check().run()
    data = (SAMPLES / "sample_workshop_en.xlsx").read_bytes()
    at.file_uploader(key="sidebar_upload_en").set_value(("groups.xlsx", data, "application/octet-stream")).run()
    assert not at.exception
    opened = at.session_state["variant"]
    assert opened == "The deck's case" and cur(at) is at.session_state["variants"][opened]
    assert at.sidebar.selectbox(key="sidebar_variant_en").value == opened
    at.sidebar.selectbox(key="sidebar_variant_en").set_value("Second").run()
    assert at.session_state["variant"] == "Second"
