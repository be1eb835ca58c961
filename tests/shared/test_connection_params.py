"""Every connection to an event server notices a stalled network: keepalives and a TCP user
timeout are set (libpq's connect_timeout alone covers only new connections)."""

from __future__ import annotations

from kosi_checkin.shared.pg import STALL_PARAMS, connect, connection_params


def test_the_parameters_bound_a_stall() -> None:
    params = connection_params()
    assert params["keepalives"] == 1 and params["tcp_user_timeout"] <= 5000
    assert params["keepalives_idle"] + params["keepalives_interval"] * params["keepalives_count"] <= 5  # idle: < 5 s
    assert params["connect_timeout"] >= 2  # psycopg raises anything below 2 s to 2 s


def test_a_real_connection_carries_them(pg_url: str) -> None:
    conn = connect(pg_url)
    try:
        given = conn.info.get_parameters()
        for key, value in STALL_PARAMS.items():
            assert given.get(key) == str(value), key
    finally:
        conn.close()
