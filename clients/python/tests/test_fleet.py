"""The client against a fake server (the standard library's http.server) that records every call."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import rasfleet
from rasfleet import Fleet, RasfleetError

CSV = ("plan_number,plan_title,flow_type,completed,has_errors,error_count,first_error_line,"
       "runtime_complete_process_hours,vol_error_percent,runtime_source,state,worker,attempts,note\r\n"
       "01,Base,Unsteady,true,false,0,,0.0005555555555555556,0.0004,compute_messages,SUCCEEDED,local,1,\r\n"
       "04,\"Unstable, 1MIN\",Unsteady,true,true,1,ERROR: went unstable,,,,FAILED,local,1,HEC-RAS says so\r\n")


class FakeServer:
    """Answers from a script of (method, path) -> list of (status, body); the last answer repeats."""

    def __init__(self, answers):
        self.answers = {k: list(v) for k, v in answers.items()}
        self.calls = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.calls.append((self.command, self.path, self.headers.get("Authorization"), body,
                                     self.headers.get("Content-Type")))
                script = server.answers.get((self.command, self.path))
                if not script:
                    status, payload = 404, {"error": f"no {self.path}"}
                else:
                    status, payload = script[0] if len(script) == 1 else script.pop(0)
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/csv" if isinstance(payload, str) else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _answer
            do_POST = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/rasfleet"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def bodies(self, method, path):
        return [json.loads(c[3]) if c[3] else None for c in self.calls if c[0] == method and c[1] == path]


def run(status, *states):
    return 200, {"id": 7, "status": status, "plans": [{"plan": f"0{i + 1}", "state": s} for i, s in enumerate(states)]}


@pytest.fixture
def server():
    servers = []

    def make(answers):
        servers.append(FakeServer(answers))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def test_geometry_arguments_map_to_the_run_parameters(server):
    fake = server({
        ("POST", "/rasfleet/api/runs"): [(202, {"id": 8, "status": "STARTING"})],
        ("GET", "/rasfleet/api/runs/8"): [run("COMPLETED", "SUCCEEDED", "SUCCEEDED")],
        ("GET", "/rasfleet/api/runs/8/results.csv"): [(200, CSV)],
    })
    Fleet(fake.url, "u", "p", poll_seconds=0.01, progress=False).compute_parallel_remote(
        "/data/Muncie", clear_geompre=True, force_geompre=True, copy_geometry_outputs=False)
    assert fake.bodies("POST", "/rasfleet/api/runs") == [{
        "project": "/data/Muncie", "autoclean": True, "skipCurrent": True, "clearGeompre": True, "forceGeompre": True,
        "copyGeometryOutputs": False}]


def test_compute_parallel_remote_maps_ras_commander_arguments_and_returns_the_results_table(server):
    fake = server({
        ("POST", "/rasfleet/api/runs"): [(202, {"id": 7, "status": "STARTING"})],
        ("GET", "/rasfleet/api/runs/7"): [run("STARTED", "RUNNING", "PENDING"), run("STARTED", "SUCCEEDED", "RUNNING"),
                                          run("FAILED", "SUCCEEDED", "FAILED")],
        ("GET", "/rasfleet/api/runs/7/results.csv"): [(200, CSV)],
    })
    fleet = Fleet(fake.url, "demo", "pass-1", poll_seconds=0.01, progress=False)
    df = fleet.compute_parallel_remote("/data/Muncie", plan_numbers=[1, "04"], workers=[{"name": "local"}],
                                       num_cores=2, max_concurrent=3)
    assert fake.bodies("POST", "/rasfleet/api/runs") == [{
        "project": "/data/Muncie", "plans": ["01", "04"], "workers": ["local"], "numCores": 2, "maxConcurrent": 3,
        "autoclean": True, "skipCurrent": True}]
    assert len([c for c in fake.calls if c[1] == "/rasfleet/api/runs/7"]) == 3, "polled until the run ended"
    assert fake.calls[0][2] == "Basic " + base64.b64encode(b"demo:pass-1").decode()
    assert list(df["plan_number"]) == ["01", "04"], "plan numbers stay text"
    assert list(df.columns[-4:]) == ["state", "worker", "attempts", "note"]
    assert df.loc[0, "vol_error_percent"] == 0.0004
    assert df.loc[1, "plan_title"] == "Unstable, 1MIN"
    assert bool(df.loc[1, "has_errors"]) is True
    assert df.attrs["run_id"] == 7


def test_force_rerun_runs_every_plan_and_autoclean_false_keeps_folders(server):
    fake = server({
        ("POST", "/api/runs"): [(202, {"id": 7})],
        ("GET", "/api/runs/7"): [run("COMPLETED", "SUCCEEDED")],
        ("GET", "/api/runs/7/results.csv"): [(200, CSV)],
    })
    Fleet(fake.url.replace("/rasfleet", "/api"), "u", "p", progress=False).compute_parallel_remote(
        "P", plan_numbers="p03", autoclean=False, force_rerun=True)
    assert fake.bodies("POST", "/api/runs") == [{"project": "P", "plans": ["p03"], "autoclean": False, "skipCurrent": False}]


def test_server_refusal_is_raised_in_the_servers_words(server):
    fake = server({("POST", "/rasfleet/api/runs"): [(400, {"error": "numCores: 64 is more than any chosen worker holds (at most 8)"})]})
    with pytest.raises(RasfleetError) as refused:
        Fleet(fake.url, "u", "p", progress=False).compute_parallel_remote("P", num_cores=64)
    assert str(refused.value) == "numCores: 64 is more than any chosen worker holds (at most 8)"
    assert refused.value.status == 400


def test_ctrl_c_stops_the_run_and_says_so(server, monkeypatch, capsys):
    fake = server({
        ("POST", "/rasfleet/api/runs"): [(202, {"id": 7})],
        ("GET", "/rasfleet/api/runs/7"): [run("STARTED", "RUNNING")],
        ("POST", "/rasfleet/api/runs/7/stop"): [(202, {"id": 7, "status": "STOPPING"})],
    })

    def interrupted(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(rasfleet.fleet.time, "sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Fleet(fake.url, "u", "p", progress=False).compute_parallel_remote("P")
    assert fake.bodies("POST", "/rasfleet/api/runs/7/stop") == [{}]
    assert "run 7 is stopping" in capsys.readouterr().err


def test_progress_counts_plans_done(server, capsys, monkeypatch):
    monkeypatch.setattr(rasfleet.fleet, "tqdm", None)
    fake = server({
        ("POST", "/rasfleet/api/runs"): [(202, {"id": 7})],
        ("GET", "/rasfleet/api/runs/7"): [run("STARTED", "SUCCEEDED", "RUNNING"), run("COMPLETED", "SUCCEEDED", "SKIPPED")],
        ("GET", "/rasfleet/api/runs/7/results.csv"): [(200, CSV)],
    })
    Fleet(fake.url, "u", "p", poll_seconds=0.01).compute_parallel_remote("P")
    err = capsys.readouterr().err
    assert "run 7: 1 of 2 plans done" in err and "run 7: 2 of 2 plans done" in err


def test_workers_and_import_workers(server, tmp_path):
    fake = server({
        ("GET", "/rasfleet/api/workers"): [(200, [{"name": "local", "type": "local", "cores_total": 8}])],
        ("POST", "/rasfleet/api/workers/import"): [(200, {"saved": ["Local Compute"], "refused": []})],
    })
    fleet = Fleet(fake.url, "u", "p")
    assert list(fleet.workers()["name"]) == ["local"]
    file = tmp_path / "RemoteWorkers.json"
    file.write_text('{"workers": [{"name": "Local Compute", "worker_type": "local"}]}')
    assert fleet.import_workers(file) == {"saved": ["Local Compute"], "refused": []}
    posted = [c for c in fake.calls if c[1] == "/rasfleet/api/workers/import"][0]
    assert posted[3] == file.read_bytes() and posted[4] == "application/json"


def test_password_is_not_in_the_fleets_repr():
    assert "secret-9" not in repr(Fleet("http://h/rasfleet", "demo", "secret-9"))
