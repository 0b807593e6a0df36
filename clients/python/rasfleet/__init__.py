"""A small client of a rasfleet server for notebooks written for ras-commander.

    from rasfleet import Fleet
    fleet = Fleet("http://127.0.0.1:8080/rasfleet", "demo", "demo-pass-1")
    df = fleet.compute_parallel_remote("/data/projects/Muncie", plan_numbers=["01", "02"])
"""

from .fleet import Fleet, RasfleetError

__all__ = ["Fleet", "RasfleetError"]
