"""The client against the packaged server running the demo project (CI starts it: see .ci/run).

Needs RASFLEET_TEST_URL, RASFLEET_TEST_USER, RASFLEET_TEST_PASSWORD and RASFLEET_TEST_PROJECT (the demo's
Muncie folder); skipped without them, failed instead when RASFLEET_TEST_REQUIRE=1 (CI sets it).
"""

import os

import pytest

from rasfleet import Fleet, RasfleetError

NEEDED = ("RASFLEET_TEST_URL", "RASFLEET_TEST_USER", "RASFLEET_TEST_PASSWORD", "RASFLEET_TEST_PROJECT")
MISSING = [name for name in NEEDED if not os.environ.get(name)]
if MISSING and os.environ.get("RASFLEET_TEST_REQUIRE") == "1":
    raise RuntimeError(f"RASFLEET_TEST_REQUIRE=1 but {', '.join(MISSING)} not set: no packaged server to test against")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"no packaged server: {', '.join(MISSING)} not set")

# ras-commander's ResultsSummary.get_summary_columns(), then rasfleet's own four
COLUMNS = ["plan_number", "plan_title", "flow_type", "hdf_path", "hdf_exists", "hdf_file_modified", "ras_version",
           "completed", "has_errors", "has_warnings", "error_count", "warning_count", "first_error_line",
           "runtime_simulation_start", "runtime_simulation_end", "runtime_simulation_hours",
           "runtime_complete_process_hours", "runtime_unsteady_compute_hours", "runtime_complete_process_speed",
           "runtime_source", "vol_error", "vol_accounting_units", "vol_error_percent", "vol_flux_in", "vol_flux_out",
           "vol_starting", "vol_ending", "state", "worker", "attempts", "note"]


@pytest.fixture(scope="module")
def fleet():
    return Fleet(os.environ.get("RASFLEET_TEST_URL", ""), os.environ.get("RASFLEET_TEST_USER", ""),
                 os.environ.get("RASFLEET_TEST_PASSWORD", ""), poll_seconds=0.5)


def test_demo_project_runs_and_returns_the_results_table(fleet):
    assert "local" in list(fleet.workers()["name"])
    project = os.environ["RASFLEET_TEST_PROJECT"]
    df = fleet.compute_parallel_remote(project, force_rerun=True)
    assert list(df.columns) == COLUMNS
    assert list(df["plan_number"]) == ["01", "02", "03", "04", "05"]
    by_plan = df.set_index("plan_number")
    # the demo's plan 04 is set to go unstable (RASSIM Outcome=solver-error); the others succeed
    assert by_plan.loc["04", "state"] == "FAILED"
    assert bool(by_plan.loc["04", "has_errors"])
    assert by_plan.loc["04", "first_error_line"].startswith("ERROR: Unsteady flow computations went unstable")
    succeeded = by_plan.drop(index="04")
    assert set(succeeded["state"]) == {"SUCCEEDED"}
    assert succeeded["completed"].all() and not succeeded["has_errors"].any()
    assert set(succeeded["runtime_source"]) == {"compute_messages"}, "the stand-in writes no Compute Processes"
    assert (succeeded["runtime_complete_process_hours"] > 0).all()
    assert set(succeeded["flow_type"]) == {"Unsteady"}

    # force_rerun=False is ras-commander's default: plans whose results are current are skipped
    again = fleet.compute_parallel_remote(project, plan_numbers=["01", "04"])
    assert list(again["state"]) == ["SKIPPED", "FAILED"]


def test_refusal_comes_in_the_servers_words(fleet):
    with pytest.raises(RasfleetError) as refused:
        fleet.compute_parallel_remote(os.environ["RASFLEET_TEST_PROJECT"], plan_numbers=["42"])
    assert refused.value.status == 400
    assert "42" in str(refused.value)
