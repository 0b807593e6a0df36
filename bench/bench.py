"""The benchmark of issue 12 (bench/run). Python's standard library only.

First the bytes staging sends to each remote worker type (io.rasfleet.worker.StagingBytes, a Java
main of the test sources, against this machine's sshd, Docker engine and Samba; BENCH_TERRAIN_MB
pads the project); `--staging-only` stops there (no server, no ports). Then it starts target/server
copied to target/bench-server, three local workers (4 + 2 + 2 slots, queue priorities 0/1/2) on
the stand-in, and projects made from the Muncie sample. The stand-in's RASSIM
Seconds line sets each plan's work (a benchmark knob; the server never reads it); the plan's
simulation window grows with its work, as a real model's time steps would.
"""
import base64, json, os, shutil, signal, statistics, subprocess, sys, threading, time, urllib.request, urllib.error
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "target" / "server"
HOME = ROOT / "target" / "bench-server"
WORK = ROOT / "target" / "bench-work"
API = "http://127.0.0.1:8080/rasfleet/api/"
AUTH = "Basic " + base64.b64encode(b"bench:bench-pass-1").decode()
# the workload: 24 plans whose work spans 1-16x
WORK_24 = [2, 16, 1, 3, 5, 12, 1, 2, 8, 4, 1, 6, 10, 2, 3, 14, 1, 4, 7, 2, 9, 1, 3, 11]
UNIT = float(os.environ.get("BENCH_UNIT_SECONDS", "1.0"))
TERRAIN_MB = int(os.environ.get("BENCH_TERRAIN_MB", "200"))
SLOTS = 8


def call(method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(API + path, data=data, method=method,
                                 headers={"Authorization": AUTH, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def copy_server():
    shutil.rmtree(HOME, ignore_errors=True)
    shutil.copytree(SERVER, HOME, symlinks=True,
                    ignore=lambda d, names: [n for n in names if Path(d) == SERVER / "standalone" and n in ("data", "log", "tmp")])
    subprocess.run([str(HOME / "bin" / "add-user.sh"), "-a", "-u", "bench", "-p", "bench-pass-1", "-g", "viewer,operator,admin"],
                   check=True, stdout=subprocess.DEVNULL)


def make_project(name, works, extra_bytes=0):
    """Muncie's plan 02 once per work figure: window of `work` hours at 30 s steps, RASSIM Seconds = work x unit."""
    src = ROOT / "src" / "main" / "resources" / "samples" / "Muncie"
    folder = WORK / "projects" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for f in ("Muncie.g05", "Muncie.u02", "Projection.prj"):
        shutil.copy(src / f, folder / f)
    prj = (src / "Muncie.prj").read_text(errors="replace").splitlines()
    prj = [l for l in prj if not l.startswith("Plan File=")]
    template = (src / "Muncie.p02").read_text(errors="replace").splitlines()
    for i, work in enumerate(works, start=1):
        lines = []
        for l in template:
            if l.startswith("Simulation Date="):
                l = "Simulation Date=02JAN1900,0000,02JAN1900,%04d" % (work * 100)
            elif l.startswith("Plan Title="):
                l = "Plan Title=bench %02d work %d" % (i, work)
            elif l.startswith("Short Identifier="):
                l = "Short Identifier=b%02d" % i
            elif l.startswith("RASSIM Seconds="):
                continue
            lines.append(l)
        lines.append("RASSIM Seconds=%g" % (work * UNIT))
        (folder / ("Muncie.p%02d" % i)).write_text("\r\n".join(lines) + "\r\n")
        prj.append("Plan File=p%02d" % i)
    (folder / "Muncie.prj").write_text("\r\n".join(prj) + "\r\n")
    if extra_bytes:
        with open(folder / "Muncie.u02.large.dss", "wb") as f:
            f.write(os.urandom(1 << 20) * (extra_bytes >> 20))
        (folder / "Muncie.u02").write_text((folder / "Muncie.u02").read_text(errors="replace")
                                           + "\r\nDSS File=Muncie.u02.large.dss\r\n")
    return folder


def start_server(layout=(("w0", 4, 0), ("w1", 2, 1), ("w2", 2, 2))):
    workers = []
    for name, slots, prio in layout:
        workers.append({"name": name, "worker_type": "local", "enabled": True, "cores_total": slots, "cores_per_plan": 1,
                        "queue_priority": prio, "process_priority": "normal", "worker_folder": str(WORK / "workers" / name),
                        "ras_exe_path": str(HOME / "ras-sim" / "Ras")})
    (WORK / "workers.json").write_text(json.dumps(workers))
    env = dict(os.environ, RASFLEET_WORKERS=str(WORK / "workers.json"), RASFLEET_PROJECT_ROOTS=str(WORK / "projects"))
    log = open(WORK / "server.out", "w")
    proc = subprocess.Popen([str(HOME / "bin" / "standalone.sh")], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    for _ in range(240):
        try:
            if call("GET", "workers", timeout=5)[0] == 200:
                return proc
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer in 2 minutes: see %s" % (WORK / "server.out"))


def jvm_pid(proc):
    out = subprocess.run(["pgrep", "-P", str(proc.pid), "java"], capture_output=True, text=True).stdout.split()
    return int(out[0])


def cpu_seconds(pid):
    return sum(cpu_split(pid))


def cpu_split(pid):
    """The process's user and system CPU seconds."""
    fields = Path("/proc/%d/stat" % pid).read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / os.sysconf("SC_CLK_TCK"), int(fields[12]) / os.sysconf("SC_CLK_TCK")


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def run_and_wait(folder, extra=None, during=None):
    body = {"project": str(folder / "Muncie.prj")}
    body.update(extra or {})
    status, answer = call("POST", "runs", body)
    if status != 202:
        raise SystemExit("POST /runs answered %s: %s" % (status, answer))
    run_id = answer["id"]
    if during:
        during(run_id)
    while True:
        _, view = call("GET", "runs/%d" % run_id)
        if view["endedAt"] and view["status"] in ("COMPLETED", "FAILED", "STOPPED"):
            return view
        time.sleep(0.3)


def list_makespan(durations, slots):
    free = [0.0] * slots
    for d in durations:
        i = min(range(slots), key=lambda k: (free[k], k))
        free[i] += d
    return max(free)


def schedule_figures(label, view, slots=SLOTS):
    plans = view["plans"]
    durations = [p["executionSeconds"] for p in plans]
    start = min(when(p["startedAt"]) for p in plans)
    end = max(when(p["endedAt"]) for p in plans)
    created, ended = when(view["createdAt"]), when(view["endedAt"])
    bound = max(max(durations), sum(durations) / slots)
    fifo = list_makespan(durations, slots)
    lpt = list_makespan(sorted(durations, reverse=True), slots)
    print("%-28s makespan/LB %.3f (plans %.1f s, run %.1f s, LB %.1f s) | same durations FIFO %.3f, LPT %.3f | sources %s"
          % (label, (end - start) / bound, end - start, ended - created, bound, fifo / bound, lpt / bound,
             sorted({str(p.get("expectedSource")) for p in plans})))
    return created, start, end, ended, bound


def overhead(view):
    gaps = []
    for p in view["plans"]:
        a = p["attemptHistory"][-1]
        gaps.append(when(a["endedAt"]) - when(a["startedAt"]) - p["executionSeconds"])
    return statistics.median(gaps)


def api_figures(run_id, seconds=10):
    latencies, lock = [], threading.Lock()
    stop = time.time() + seconds

    def client(offset):
        # pages read at their own moments, not in step: each client starts at its own point of the first second
        time.sleep(offset)
        while time.time() < stop:
            t0 = time.time()
            call("GET", "runs/%d" % run_id)
            with lock:
                latencies.append(time.time() - t0)
            time.sleep(max(0, 1 - (time.time() - t0)))

    threads = [threading.Thread(target=client, args=(i / 50.0,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1], len(latencies)


def cpu_per_request(pid, path, n=400, threads=4):
    def loop():
        for _ in range(n // threads):
            call("GET", path)
    before = cpu_seconds(pid)
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return (cpu_seconds(pid) - before) / n * 1000


def staging_bytes():
    """Runs StagingBytes on the test class path that `mvn -DskipTests package` compiled; its lines are the figures."""
    if not (ROOT / "target" / "test-classes" / "io" / "rasfleet" / "worker" / "StagingBytes.class").exists():
        raise SystemExit("no target/test-classes: run `mvn -DskipTests package` first")
    listing = ROOT / "target" / "test-classpath.txt"
    made = subprocess.run(["mvn", "-B", "-o", "-q", "dependency:build-classpath", "-Dmdep.includeScope=test",
                           "-Dmdep.outputFile=" + str(listing)], cwd=ROOT, capture_output=True, text=True)
    if made.returncode != 0:
        raise SystemExit("the test class path could not be listed:\n" + made.stdout + made.stderr)
    classpath = ":".join([str(ROOT / "target" / "test-classes"), str(ROOT / "target" / "classes"), listing.read_text().strip()])
    java = Path(os.environ["JAVA_HOME"]) / "bin" / "java" if "JAVA_HOME" in os.environ else "java"
    done = subprocess.run([str(java), "-cp", classpath, "io.rasfleet.worker.StagingBytes", str(WORK / "staging"), str(TERRAIN_MB)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    (WORK / "staging.out").write_text(done.stdout)
    for line in done.stdout.splitlines():
        if line.startswith("staging"):
            print(line, flush=True)
    if done.returncode != 0:
        print("staging: StagingBytes ended with exit code %d; its whole output is in %s" % (done.returncode, WORK / "staging.out"))


def api_reads(pid):
    """GET /runs/{id} of a 40-plan run while it runs: p99 with 50 clients reading once a second, server CPU against a 404.

    The run computes on one worker of 2 slots, one plan per core as the demo's worker does: on all 8
    slots, 8 stand-in JVMs on 2 cores would measure the machine's queue, not the API."""
    p40 = make_project("Bench40", [3] * 40)
    figures = {}

    def measure(run_id):
        time.sleep(2)
        figures["p50"], figures["p99"], figures["n"] = api_figures(run_id)
        figures["cpu_run"] = cpu_per_request(pid, "runs/%d" % run_id)
        figures["cpu_404"] = cpu_per_request(pid, "runs/not-a-number")
    run_and_wait(p40, {"workers": ["w1"]}, during=measure)
    print("GET /runs/{id} of a 40-plan run while it runs on 2 slots: p50 %.1f ms, p99 %.1f ms (50 clients, one read a second,"
          " %d reads); server CPU %.2f ms a request vs %.2f ms for an authenticated 404 (%.2fx)"
          % (figures["p50"] * 1000, figures["p99"] * 1000, figures["n"], figures["cpu_run"], figures["cpu_404"], figures["cpu_run"] / figures["cpu_404"]), flush=True)


def resident(pid):
    """Resident memory (MiB) and threads of the server's JVM."""
    status = dict(l.split(":", 1) for l in Path("/proc/%d/status" % pid).read_text().splitlines() if ":" in l)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["Threads"])


def heap_used(pid):
    """Heap in use (MiB) after a full collection, as jcmd reports it."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if " used " in line and "total" in line:
            return int(line.split(" used ")[1].split("K")[0]) / 1024
    return float("nan")


def start_runs(folders):
    """Starts a run per project folder, one request after the other; returns their ids."""
    ids = []
    for folder in folders:
        status, answer = call("POST", "runs", {"project": str(folder / "Muncie.prj")})
        if status != 202:
            raise SystemExit("POST /runs answered %s: %s" % (status, answer))
        ids.append(answer["id"])
    return ids


def runs_at_once(folders):
    """Starts a run per project folder at once; returns their ended views and the wall seconds."""
    began = time.time()
    ids = start_runs(folders)
    views = {}
    while len(views) < len(ids):
        for run_id in ids:
            if run_id not in views:
                _, view = call("GET", "runs/%d" % run_id, timeout=300)
                if view["endedAt"] and view["status"] in ("COMPLETED", "FAILED", "STOPPED"):
                    views[run_id] = view
        time.sleep(1)
    return list(views.values()), time.time() - began


def study_figures(label, pid, folders):
    user_before, system_before = cpu_split(pid)
    views, wall = runs_at_once(folders)
    user, system = cpu_split(pid)
    user, system = user - user_before, system - system_before
    cpu = user + system
    plans = [p for v in views for p in v["plans"]]
    succeeded = sum(1 for p in plans if p["state"] == "SUCCEEDED")
    launches = sum(p.get("attempts", 0) for p in plans)
    rss, threads = resident(pid)
    print("%s: %d plans, %d succeeded, %d launches; server CPU %.1f ms a plan (%.1f s in all, %.0f%% in the kernel); %.1f plans"
          " a minute (%.0f s); after: %.0f MiB resident, %d threads, heap in use after a full GC %.0f MiB"
          % (label, len(plans), succeeded, launches, cpu * 1000 / max(1, len(plans)), cpu, system * 100 / max(cpu, 1e-9),
             len(plans) * 60 / wall, wall,
             rss, threads, heap_used(pid)), flush=True)


def jfr_top(recording, limit=15):
    """The methods most often on top of the sampled stacks, and the first rasfleet frame below them."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", str(recording)],
                         capture_output=True, text=True).stdout
    tops, ours, total = {}, {}, 0
    for event in out.split("jdk.ExecutionSample")[1:]:
        frames = [l.strip().split("line:")[0].strip() for l in event.split("stackTrace = [", 1)[-1].split("]", 1)[0].splitlines()
                  if l.strip() and not l.strip().startswith("...")]
        if not frames:
            continue
        total += 1
        tops[frames[0]] = tops.get(frames[0], 0) + 1
        mine = next((f for f in frames if f.startswith("io.rasfleet.")), "(no rasfleet frame: " + frames[-1] + ")")
        ours[mine] = ours.get(mine, 0) + 1
    print("JDK Flight Recorder, %d execution samples of the server's threads; top of stack:" % total)
    for frame, n in sorted(tops.items(), key=lambda e: -e[1])[:limit]:
        print("  %5.1f%%  %s" % (n * 100 / total, frame))
    print("the first rasfleet frame of each sample:")
    for frame, n in sorted(ours.items(), key=lambda e: -e[1])[:limit]:
        print("  %5.1f%%  %s" % (n * 100 / total, frame))


def study():
    """Issue 23's study: 5 projects of 99 plans (HEC-RAS's limit) at once on 64 slots, plans of 1 unit; a 30-plan run beside it."""
    proc = start_server(layout=(("s64", 64, 0),))
    try:
        pid = jvm_pid(proc)
        print("study: one local worker of 64 slots on the stand-in, plans of %.1f s" % UNIT, flush=True)
        study_figures("one run of 30 plans", pid, [make_project("Study30", [1] * 30)])
        projects = [make_project("Study%d" % i, [1] * 99) for i in range(1, 6)]
        recording = WORK / "study.jfr"
        subprocess.run(["jcmd", str(pid), "JFR.start", "name=study", "settings=profile", "filename=%s" % recording],
                       check=True, capture_output=True)
        study_figures("five runs of 99 plans at once", pid, projects)
        subprocess.run(["jcmd", str(pid), "JFR.stop", "name=study"], check=True, capture_output=True)
        jfr_top(recording)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


WIDE_PLAN = """#!/bin/sh
# bench/run --wide: stands in for a plan in the pools' measure. Called as HEC-RAS is (Ras -c Name.prj
# Name.pNN); prints HEC-RAS's progress lines for BENCH_WIDE_SECONDS and writes no result, so that 500
# plans compute at once without 500 JVMs. Not the HEC-RAS stand-in: its plans are judged failed.
seconds=${BENCH_WIDE_SECONDS:-60}
i=0
while [ $i -lt $seconds ]; do
  i=$((i + 1))
  echo "Progress | $(awk "BEGIN { print $i / $seconds }")" >> "$3.computeMsgs.txt"
  sleep 1
done
"""


def management(*commands):
    """Answers of the bench server's management CLI (local authentication: the same OS user)."""
    done = subprocess.run([str(HOME / "bin" / "jboss-cli.sh"), "-c", "--controller=127.0.0.1:9990", "--output-json",
                           "--commands=" + ",".join(commands)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("jboss-cli: " + done.stdout + done.stderr)
    answers, depth, start = [], 0, None
    for i, ch in enumerate(done.stdout):
        if ch == "{":
            depth, start = depth + 1, i if depth == 0 else start
        elif ch == "}":
            depth -= 1
            if depth == 0:
                answers.append(json.loads(done.stdout[start:i + 1]).get("result"))
    return answers


def thread_kinds(pid, limit=4):
    """The most numerous kinds of thread of the process (names without their numbers), most first."""
    kinds = {}
    for task in Path("/proc/%d/task" % pid).iterdir():
        try:
            name = (task / "comm").read_text().strip().rstrip("0123456789").rstrip(" -#")
        except OSError:
            continue
        kinds[name] = kinds.get(name, 0) + 1
    return ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items(), key=lambda e: -e[1])[:limit])


def wide():
    """500 slots, issue 23: 5 runs of 99 plans at once on one local worker of 500 slots, each plan 60 s of progress lines.

    Prints the batch thread pool and the datasource's pool at their fullest (waits, time-outs), the
    plans computing at once, the server's threads, and its CPU per plan-minute of following."""
    seconds = int(os.environ.setdefault("BENCH_WIDE_SECONDS", "60"))
    program = WORK / "wide-plan"
    program.write_text(WIDE_PLAN)
    program.chmod(0o755)
    workers = [{"name": "w500", "worker_type": "local", "enabled": True, "cores_total": 500, "cores_per_plan": 1,
                "queue_priority": 0, "process_priority": "normal", "worker_folder": str(WORK / "workers" / "w500"),
                "ras_exe_path": str(program)}]
    (WORK / "workers.json").write_text(json.dumps(workers))
    env = dict(os.environ, RASFLEET_WORKERS=str(WORK / "workers.json"), RASFLEET_PROJECT_ROOTS=str(WORK / "projects"))
    # the pool's statistics count from the start only when enabled before it
    subprocess.run([str(HOME / "bin" / "jboss-cli.sh"), "--commands=embed-server,"
                    "/subsystem=datasources/data-source=RasfleetDS:write-attribute(name=statistics-enabled,value=true),"
                    "stop-embedded-server"], check=True, capture_output=True)
    proc = subprocess.Popen([str(HOME / "bin" / "standalone.sh")], env=env, stdout=open(WORK / "server.out", "w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(240):
            try:
                if call("GET", "workers", timeout=5)[0] == 200:
                    break
            except Exception:
                pass
            time.sleep(0.5)
        pid = jvm_pid(proc)
        pool = management("/subsystem=datasources/data-source=RasfleetDS:read-attribute(name=max-pool-size,resolve-expressions=true)")[0]
        print("wide: one local worker of 500 slots; 5 runs of 99 plans at once, each %d s of progress lines (no JVM, no result);"
              " datasource max-pool-size %s" % (seconds, pool), flush=True)
        ids = start_runs([make_project("Wide%d" % i, [1] * 99) for i in range(1, 6)])
        peak_running, peak_threads, peak_kinds, window = 0, 0, "", None
        began = time.time()
        while True:
            _, listing = call("GET", "runs?limit=10", timeout=120)
            runs = [r for r in (listing if isinstance(listing, list) else listing.get("runs", [])) if r["id"] in ids]
            running = sum(r["counts"]["running"] for r in runs)
            peak_running = max(peak_running, running)
            threads_now = resident(pid)[1]
            if threads_now > peak_threads:
                peak_threads, peak_kinds = threads_now, thread_kinds(pid)
            if window is None and running >= 450:
                window = (time.time(), cpu_seconds(pid), running)
            elif window and len(window) == 3 and time.time() - window[0] >= 30:
                minutes = (time.time() - window[0]) / 60
                window = window + ((cpu_seconds(pid) - window[1]) / (minutes * (window[2] + running) / 2),)
            if all(r["endedAt"] for r in runs) and len(runs) == len(ids):
                break
            if time.time() - began > seconds + 900:
                raise SystemExit("the runs did not end in %d s" % (seconds + 900))
            time.sleep(2)
        views = [call("GET", "runs/%d" % i, timeout=120)[1] for i in ids]
        plans = [p for v in views for p in v["plans"]]
        launches = sum(p.get("attempts", 0) for p in plans)
        batch, ds = management("/subsystem=batch-jberet/thread-pool=batch:read-resource(include-runtime=true)",
                               "/subsystem=datasources/data-source=RasfleetDS/statistics=pool:read-resource(include-runtime=true)")
        print("%d plans, %d launches, at most %d computing at once; server threads at most %d (%s); batch pool max-threads %s,"
              " largest %s, tasks queued %s" % (len(plans), launches, peak_running, peak_threads, peak_kinds, batch.get("max-threads"),
                                                batch.get("largest-thread-count"), batch.get("queue-size")))
        print("datasource pool: most connections in use %s of %s; requests that waited for one %s (most at once %s, longest"
              " %s ms, %s ms in all); timed out %s" % (ds.get("MaxUsedCount"), pool, ds.get("WaitCount"), ds.get("MaxWaitCount"),
                                                       ds.get("MaxWaitTime"), ds.get("TotalBlockingTime"), ds.get("TimedOut")))
        if window and len(window) == 4:
            print("server CPU while about %d plans computed: %.0f ms per plan-minute of following" % (window[2], window[3] * 1000))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def main():
    if not (SERVER / "bin" / "standalone.sh").exists():
        raise SystemExit("no target/server: run `mvn -DskipTests package` first")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print("machine: %s, %d cores, %s" % (os.uname().machine, os.cpu_count(),
                                         Path("/proc/cpuinfo").read_text().split("model name")[1].split("\n")[0].split(":", 1)[1].strip()), flush=True)
    api_only = "--api-only" in sys.argv[1:]
    if "--wide" in sys.argv[1:]:
        copy_server()
        wide()
        return
    if "--study" in sys.argv[1:]:
        copy_server()
        study()
        return
    if not api_only:
        staging_bytes()
    if "--staging-only" in sys.argv[1:]:
        return
    copy_server()
    proc = start_server()
    try:
        pid = jvm_pid(proc)
        if api_only:
            api_reads(pid)
            return
        print("unit of work %.1f s; slots 4+2+2 (queue priorities 0/1/2)" % UNIT)
        p24 = make_project("Bench24", WORK_24)
        schedule_figures("first run (24 plans)", first := run_and_wait(p24))
        schedule_figures("second run (history)", run_and_wait(p24))
        print("per-plan overhead, small project: median %.3f s" % overhead(first))

        short = make_project("Short7", [1] * 7)
        view = run_and_wait(short, {"workers": ["w1"]})
        created, start, end, ended, bound = schedule_figures("7 plans of 1 unit on 2 slots", view, slots=2)
        print("fixed cost of a run: %.2f s beyond the lower bound of its measured plans (%.1f s): request to first plan %.2f s,"
              " plans %.2f s, last plan to run's end %.2f s" % (ended - created - bound, bound, start - created, end - start, ended - end))

        large = make_project("Large200", [1] * 7, extra_bytes=200 << 20)
        print("per-plan overhead, 200 MB project: median %.3f s" % overhead(run_and_wait(large, {"workers": ["w1"]})))

        api_reads(pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
