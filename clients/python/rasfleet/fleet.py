"""The client: one HTTP session to a rasfleet server's REST API (requests, pandas; tqdm if present)."""

import io
import os
import sys
import time

import pandas as pd
import requests

try:
    from tqdm.auto import tqdm
except ImportError:  # tqdm is optional: a line of text stands in for the bar
    tqdm = None

# JBeret's batch statuses of a run that is still going; any other status is an end.
_GOING = ("STARTING", "STARTED", "STOPPING")
# A plan in one of these states is done for this run.
_DONE = ("SUCCEEDED", "FAILED", "STOPPED", "SKIPPED")


class RasfleetError(Exception):
    """The server refused a call; the message is the server's own words (its {"error": ...})."""

    def __init__(self, status, message, method=None, path=None):
        super().__init__(message)
        self.status = status
        self.method = method
        self.path = path


class Fleet:
    """A rasfleet server, reached as ``user`` (WildFly's ApplicationRealm, roles viewer / operator / admin).

    ``url`` is the application's address (``http://host:8080/rasfleet``) or its API's (``.../rasfleet/api``).
    """

    def __init__(self, url, user, password, poll_seconds=2.0, timeout_seconds=60.0, progress=True):
        base = url.rstrip("/")
        self.api = base if base.endswith("/api") else base + "/api"
        self.poll_seconds = poll_seconds
        self.timeout_seconds = timeout_seconds
        self.progress = progress
        self._session = requests.Session()
        self._session.auth = (user, password)
        self._session.headers["Accept"] = "application/json"

    def __repr__(self):
        # the password stays out of notebooks' outputs
        return f"Fleet({self.api!r}, user={self._session.auth[0]!r})"

    def compute_parallel_remote(self, project, plan_numbers=None, workers=None, num_cores=None, autoclean=True,
                                max_concurrent=None, force_rerun=False, clear_geompre=False, force_geompre=False,
                                copy_geometry_outputs=True):
        """Runs plans of ``project`` on the fleet and returns the run's results table as a DataFrame.

        As ras-commander's ``compute_parallel_remote``: ``plan_numbers`` one plan or a list (``"01"``, ``1``,
        ``"p01"``; default every plan), ``workers`` worker names (or objects with a ``name``; default every
        enabled worker), ``num_cores`` cores per plan, ``autoclean`` removes the workers' folders after,
        ``max_concurrent`` caps the plans computing at once, and ``force_rerun=False`` skips each plan whose
        results are current, ``clear_geompre`` deletes the geometry preprocessor file (``.cNN``) on the staged
        copy, ``force_geompre`` the geometry HDF (``.gNN.hdf``) as well, and ``copy_geometry_outputs`` brings
        the preprocessor's outputs home with each result unless the project's geometry changed meanwhile. Shows the plans done while it waits; Ctrl-C stops the run and says so.
        The DataFrame has ras-commander's results table columns, then ``state``, ``worker``, ``attempts``,
        ``note``; ``plan_number`` is text. ``df.attrs["run_id"]`` is the run's id.
        """
        body = {"project": os.fspath(project), "autoclean": bool(autoclean), "skipCurrent": not force_rerun}
        if plan_numbers is not None:
            body["plans"] = [_plan_text(p) for p in _as_list(plan_numbers)]
        if workers is not None:
            body["workers"] = [_worker_name(w) for w in _as_list(workers)]
        if num_cores is not None:
            body["numCores"] = int(num_cores)
        if max_concurrent is not None:
            body["maxConcurrent"] = int(max_concurrent)
        # sent only when not the server's default, which is ras-commander's
        if clear_geompre:
            body["clearGeompre"] = True
        if force_geompre:
            body["forceGeompre"] = True
        if not copy_geometry_outputs:
            body["copyGeometryOutputs"] = False
        run_id = self._call("POST", "/runs", json=body).json()["id"]
        try:
            self._wait(run_id)
        except KeyboardInterrupt:
            self._stop_after_interrupt(run_id)
            raise
        return self.results(run_id)

    def results(self, run_id):
        """The results table of run ``run_id`` as a DataFrame (``plan_number`` as text)."""
        text = self._call("GET", f"/runs/{int(run_id)}/results.csv", headers={"Accept": "text/csv"}).text
        df = pd.read_csv(io.StringIO(text), dtype={"plan_number": str, "plan_title": str, "first_error_line": str,
                                                   "note": str, "worker": str})
        df.attrs["run_id"] = int(run_id)
        return df

    def run(self, run_id):
        """The run as ``GET /runs/{id}`` answers it (status, exitStatus, plans ...)."""
        return self._call("GET", f"/runs/{int(run_id)}").json()

    def stop(self, run_id):
        """Asks the server to stop run ``run_id``; plans computing are ended, none counts as an attempt."""
        return self._call("POST", f"/runs/{int(run_id)}/stop", json={}).json()

    def workers(self):
        """The workers as ``GET /workers`` lists them, one row each (passwords never: ``credential_alias`` names one)."""
        return pd.DataFrame(self._call("GET", "/workers").json())

    def import_workers(self, path):
        """Imports a workers file (ras-commander's ``RemoteWorkers.json``); answers ``{"saved": [...], "refused": [...]}``."""
        with open(path, "rb") as file:
            content = file.read()
        return self._call("POST", "/workers/import", data=content,
                          headers={"Content-Type": "application/json"}).json()

    def _wait(self, run_id):
        bar = None
        shown = -1
        try:
            while True:
                run = self.run(run_id)
                plans = run.get("plans") or []
                done = sum(1 for p in plans if p.get("state") in _DONE)
                if self.progress:
                    if bar is None and tqdm is not None:
                        bar = tqdm(total=len(plans), desc=f"run {run_id}", unit="plan")
                    if bar is not None:
                        bar.total = len(plans)
                        bar.update(done - bar.n)
                    elif done != shown:
                        print(f"run {run_id}: {done} of {len(plans)} plans done", file=sys.stderr)
                    shown = done
                if run.get("status") not in _GOING:
                    return run
                time.sleep(self.poll_seconds)
        finally:
            if bar is not None:
                bar.close()

    def _stop_after_interrupt(self, run_id):
        try:
            answer = self.stop(run_id)
            print(f"Interrupted: run {run_id} is stopping ({answer.get('status', 'STOPPING')}); "
                  f"its finished plans keep their results, restart it with POST /runs/{run_id}/restart",
                  file=sys.stderr)
        except RasfleetError as e:
            print(f"Interrupted: run {run_id} could not be stopped: {e}", file=sys.stderr)

    def _call(self, method, path, **kwargs):
        response = self._session.request(method, self.api + path, timeout=self.timeout_seconds, **kwargs)
        if response.status_code >= 400:
            raise RasfleetError(response.status_code, _server_words(response), method, path)
        return response


def _server_words(response):
    try:
        answer = response.json()
        if isinstance(answer, dict) and answer.get("error"):
            return str(answer["error"])
    except ValueError:
        pass
    text = response.text.strip()
    return text or f"HTTP {response.status_code} {response.reason}"


def _as_list(value):
    if isinstance(value, (str, bytes, int)) or hasattr(value, "name"):
        return [value]
    return list(value)


def _plan_text(plan):
    return f"{plan:02d}" if isinstance(plan, int) else str(plan)


def _worker_name(worker):
    if isinstance(worker, str):
        return worker
    if isinstance(worker, dict) and "name" in worker:
        return worker["name"]
    if hasattr(worker, "name"):
        return worker.name
    raise TypeError(f"a worker is given by its name, not {worker!r}")
