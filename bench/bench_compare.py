#!/usr/bin/env python3
"""bench_compare.py — the driver of bench_compare.sh: jingdu, less and w3m side by side in a real
terminal (SPEC §9). Run through bench_compare.sh, which makes the documents and cleans up.

    python3 bench/bench_compare.py DIR SMALL BIG JINGDU [PROGRAM ...]

DIR is a private temporary directory (its tmux sockets live there: TMUX_TMPDIR=DIR); SMALL and
BIG are the documents (BIG ends with the marker paragraphs below); PROGRAM is jingdu, less or
w3m. Every run gets its own tmux server (window 120x36) and a fresh HOME. The driver talks to
the server through one control-mode client (tmux -C), so a poll of the screen (capture-pane) is
a round trip on a socket, not a new process: it polls every POLL_S seconds.

Each figure is the time from writing the command to the control client to the first capture
that shows the awaited text; it includes tmux's own work (reading the program's output,
updating its copy of the screen). Environment: JINGDU_BENCH_RUNS (default 3) runs per program
on BIG, at least 5 on SMALL, median and best reported; JINGDU_BENCH_TIMEOUT (default 90) seconds
per step; JINGDU_BENCH_SCREENS a directory to keep every awaited screen in. docs/bench.md.
"""
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

W, H = 120, 36
POLL_S = 0.001
FIRST = "DeepSeek爆火之前"  # the first body paragraph of the generated article
MARK_PAT = "ZQXJ7"  # searched for: occurs once, in the next-to-last paragraph
MARK_SEEN = "ZQXJ7 marker paragraph"  # not what the prompt shows while typing the pattern
LAST = "ZQXJ9 the last paragraph"  # the last paragraph of BIG

SCREENS = os.environ.get("JINGDU_BENCH_SCREENS")  # a directory: keep every awaited screen there
SHOT = [0]
QUIT = {"jingdu": "q", "less": "q", "w3m": "Q"}  # w3m's q asks for confirmation, Q does not


class Timeout(Exception):
    pass


class Term:
    """A private tmux server with one 120x36 window running CMD, and a control client on it."""

    def __init__(self, sockdir, name, cmd):
        self.env = {"PATH": os.environ["PATH"], "HOME": sockdir, "TERM": "xterm-256color",
                    "LANG": "C.UTF-8", "TMUX_TMPDIR": sockdir}
        self.base = ["tmux", "-u", "-L", name, "-f", os.path.join(sockdir, "tmux.conf")]
        self.ctl = None
        self.name = " ".join(os.path.basename(w) for w in cmd.split()[-2:])
        subprocess.run(self.base + ["new-session", "-d", "-s", "t", "-x", str(W), "-y", str(H), cmd],
                       env=self.env, check=True, stdout=subprocess.DEVNULL)
        self.ctl = subprocess.Popen(self.base + ["-C", "attach", "-t", "t", "-f", "no-output"],
                                    env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            self.setup()
        except BaseException:
            self.close(None)
            raise

    def setup(self):
        # a first round trip, on a known answer, before anything is measured
        self.cmd("display -p SYNC-%d" % os.getpid(), want="SYNC-%d" % os.getpid())
        self.cmd("resize-window -t t -x %d -y %d" % (W, H))
        size = self.cmd("display -p '#{window_width}x#{window_height}'")[0]
        if size != "%dx%d" % (W, H):
            raise RuntimeError("tmux window is %s, not %dx%d" % (size, W, H))
        self.pid = int(self.cmd("display -p '#{pane_pid}'")[0])
        self.start = self.starttime()

    def starttime(self):
        """The process's start time (so that a reused pid is never taken for it)."""
        try:
            with open("/proc/%d/stat" % self.pid) as f:
                return f.read().rsplit(")", 1)[1].split()[19]
        except (OSError, IndexError):
            return None

    def cmd(self, line, want=None):
        """Run one tmux command through the control client; its output lines."""
        self.ctl.stdin.write((line + "\n").encode())
        self.ctl.stdin.flush()
        while True:
            out, inblock, ok = [], False, True
            while True:
                raw = self.ctl.stdout.readline()
                if not raw:
                    raise RuntimeError("tmux control client went away")
                s = raw.decode("utf-8", "replace").rstrip("\n")
                if s.startswith("%begin"):
                    # flags 1: the reply to a command of this client (the attach's own
                    # reply, flags 0, may come after the first command's)
                    inblock, out = s.split()[-1] == "1", []
                elif inblock and (s.startswith("%end") or s.startswith("%error")):
                    ok = s.startswith("%end")
                    break
                elif inblock:
                    out.append(s)
            if want is None or want in out:
                if not ok:
                    raise RuntimeError("tmux: %s: %s" % (line, " ".join(out)))
                return out

    def screen(self):
        return "\n".join(self.cmd("capture-pane -p -t t"))

    def wait(self, t0, seen, gone=None, timeout=90.0):
        """Poll until SEEN is on the screen (and GONE is not); seconds since T0."""
        while True:
            s = self.screen()
            t = time.monotonic()
            if seen in s and (gone is None or gone not in s):
                if SCREENS:
                    SHOT[0] += 1
                    with open(os.path.join(SCREENS, "%03d.txt" % SHOT[0]), "w") as f:
                        f.write("# %s %.1f ms, waited for %r\n%s\n" % (self.name, (t - t0) * 1e3, seen, s))
                return t - t0
            if t - t0 > timeout:
                raise Timeout()
            time.sleep(POLL_S)

    def hwm_kb(self):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self, quit_key):
        if self.ctl is None:
            return
        try:
            if quit_key:
                self.cmd("send-keys -t t " + quit_key)
                end = time.monotonic() + 3
                while time.monotonic() < end and self.cmd("display -p '#{pane_dead}'")[0] != "1":
                    time.sleep(0.02)
        except (RuntimeError, OSError):
            pass
        finally:
            try:
                self.ctl.stdin.close()
            except OSError:
                pass
            subprocess.run(self.base + ["kill-server"], env=self.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                self.ctl.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.ctl.kill()
                self.ctl.wait()
            self.ctl = None
            # the server's SIGHUP should have ended it; if not, it is ours to end
            if getattr(self, "start", None) and self.starttime() == self.start:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass


def command(prog, binary, home, path):
    """The pane's command line: wait for Enter, then exec the program with a clean environment."""
    env = ["env", "-i", "PATH=" + os.environ["PATH"], "HOME=" + home, "LANG=C.UTF-8",
           "TERM=tmux-256color"]
    if prog == "jingdu":
        env += ["XDG_CONFIG_HOME=%s/config" % home, "XDG_DATA_HOME=%s/data" % home,
                "XDG_STATE_HOME=%s/state" % home, "XDG_CACHE_HOME=%s/cache" % home, "ESCDELAY=25"]
        argv = [binary, path]
    elif prog == "less":
        argv = ["less", path]  # env -i: LESS, LESSOPEN and friends unset
    else:
        argv = ["w3m", "-no-mouse", path]
    return "read go; exec " + " ".join(shlex.quote(a) for a in env + argv)


RUN_NO = [0]


def run(dirpath, prog, binary, path, big, timeout):
    """One launch of PROG on PATH; a dict of figure -> seconds (or KB for rss)."""
    RUN_NO[0] += 1
    home = os.path.join(dirpath, "home-%s-%d" % (prog, RUN_NO[0]))
    os.makedirs(home)
    term = Term(dirpath, "jb-%d-%d" % (os.getpid(), RUN_NO[0]), command(prog, binary, home, path))
    res = {}
    step = "first"
    try:
        t0 = time.monotonic()
        term.cmd("send-keys -t t Enter")
        res["first"] = term.wait(t0, FIRST, timeout=timeout)
        if big:
            step = "G"
            t0 = time.monotonic()
            term.cmd("send-keys -t t G")
            res["G"] = term.wait(t0, LAST, timeout=timeout)
            # back to the start (not timed), then search forward for the marker
            term.cmd("send-keys -t t g")
            term.wait(time.monotonic(), FIRST, gone=MARK_SEEN, timeout=timeout)
            step = "search"
            t0 = time.monotonic()
            term.cmd("send-keys -t t -l /" + MARK_PAT)
            term.cmd("send-keys -t t Enter")
            res["search"] = term.wait(t0, MARK_SEEN, timeout=timeout)
        else:
            time.sleep(0.3)  # let a background thread (jingdu's entities) do its share
        res["rss"] = term.hwm_kb()
    except Timeout:
        res[step] = "timeout"
        res["rss"] = "n/a"  # the peak so far would be of an unfinished run
    finally:
        term.close(QUIT[prog])
    return res


ROWS = [  # (document, figure key, label)
    ("small", "first", "first screen, 10 KB document"),
    ("small", "rss", "peak RSS, 10 KB document"),
    ("big", "first", "first screen, 100 MB document"),
    ("big", "G", "G: last paragraph visible"),
    ("big", "search", "/ZQXJ7 Enter: match near the end visible"),
    ("big", "rss", "peak RSS, 100 MB document"),
]


def floors(small, big):
    """SPEC §9's floor of each row: (limit in the row's unit, text)."""
    mib = 1 << 20
    sz_s, sz_b = os.path.getsize(small), os.path.getsize(big)
    rss_s, rss_b = (1.5 * sz_s + 32 * mib) / mib, (1.5 * sz_b + 32 * mib) / mib
    search = sz_b / 500e6 * 1e3
    return {
        ("small", "first"): (50, "<= 50 ms"),
        ("small", "rss"): (rss_s, "<= %.0f MB" % rss_s),
        ("big", "first"): (50, "<= 50 ms"),
        ("big", "G"): (50, "<= 50 ms"),
        ("big", "search"): (search, "<= %.0f ms (500 MB/s)" % search),
        ("big", "rss"): (rss_b, "<= %.0f MB" % rss_b),
    }


def median(vals):
    """Milliseconds (or MB for rss); a string when a run timed out or could not be read."""
    if not vals:
        return None
    if any(not isinstance(v, (int, float)) for v in vals):
        return "timeout" if "timeout" in vals else "n/a"
    return statistics.median(vals)


def best(vals):
    nums = [v for v in vals if isinstance(v, (int, float))]
    return min(nums) if nums else None


def cell(key, v, timeout):
    """One figure: the median, and the best run in brackets for times."""
    if v is None:
        return "-"
    if isinstance(v, tuple):
        med, low = v
        text = cell(key, med, timeout)
        if key != "rss" and isinstance(med, float) and low is not None:
            text += " (%s)" % ("%.0f" % low if low >= 100 else "%.1f" % low)
        return text
    if v == "timeout":
        return "> %.0f s" % timeout
    if isinstance(v, str):
        return v
    if key == "rss":
        return "%.1f MB" % v
    return "%.0f ms" % v if v >= 1000 else "%.1f ms" % v


def stop(signum, frame):
    raise SystemExit(128 + signum)  # through the finally clauses: every server is killed


def main(argv):
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    dirpath, small, big, binary = argv[:4]
    progs = argv[4:] or ["jingdu", "less", "w3m"]
    runs = int(os.environ.get("JINGDU_BENCH_RUNS", "3"))
    timeout = float(os.environ.get("JINGDU_BENCH_TIMEOUT", "90"))
    with open(os.path.join(dirpath, "tmux.conf"), "w") as f:
        f.write("set -g status off\nset -g remain-on-exit on\nset -g escape-time 0\n"
                "set -g history-limit 0\nset -g default-terminal tmux-256color\n")
    # the cost of one poll, for the report
    t = Term(dirpath, "jb-%d-poll" % os.getpid(), "sleep 60")
    t0 = time.monotonic()
    for _ in range(200):
        t.screen()
    poll_rt = (time.monotonic() - t0) / 200
    t.close(None)
    # the harness's own share of a first screen: cat writing the small document
    base = []
    for i in range(runs):
        t = Term(dirpath, "jb-%d-cat%d" % (os.getpid(), i),
                 "read go; exec cat " + shlex.quote(small))
        try:
            t0 = time.monotonic()
            t.cmd("send-keys -t t Enter")
            base.append(t.wait(t0, FIRST, timeout=timeout) * 1e3)
        except Timeout:
            pass
        finally:
            t.close(None)

    table, raw = {}, []
    for prog in progs:
        exe = binary if prog == "jingdu" else shutil.which(prog)
        if not exe or not os.access(exe, os.X_OK):
            for doc, key, _ in ROWS:
                table[prog, doc, key] = "not built" if prog == "jingdu" else "not installed"
            continue
        for doc, path in (("small", small), ("big", big)):
            results = []
            for _ in range(max(runs, 5) if doc == "small" else runs):
                r = run(dirpath, prog, binary, path, doc == "big", timeout)
                results.append(r)
                if "timeout" in r.values():
                    break  # once is enough: do not wait that long again
            for key in ("first", "G", "search", "rss"):
                vals = [r[key] for r in results if key in r]
                if not vals:
                    continue
                if key == "rss":
                    vals = [v / 1024 if isinstance(v, int) else "n/a" for v in vals]
                else:
                    vals = [v * 1e3 if isinstance(v, float) else v for v in vals]
                table[prog, doc, key] = (median(vals), best(vals))
                raw.append("  %-6s %-5s %-6s %s" % (prog, doc, key, " ".join(
                    "%.1f" % v if isinstance(v, float) else str(v) for v in vals)))

    fl = floors(small, big)
    print("-- jingdu, less and w3m in tmux %dx%d: median of %d runs (%d for the 10 KB document),"
          " best run in brackets; the machine is shared, so the figures are noisy"
          % (W, H, runs, max(runs, 5)))
    print("   a screen poll every %.1f ms (+ %.2f ms round trip): times are late by up to ~%.1f ms"
          % (POLL_S * 1e3, poll_rt * 1e3, POLL_S * 1e3 + 2 * poll_rt * 1e3 + 0.1))
    if base:
        print("   the harness alone (cat of the 10 KB document to the first paragraph shown): %.1f ms"
              % statistics.median(base))
    head = "  %-42s %-22s %-18s %-18s %-18s" % ("figure", "floor (SPEC 9)", "jingdu", "less", "w3m")
    print(head.rstrip())
    missed = False
    for doc, key, label in ROWS:
        limit, ftext = fl[doc, key]
        cells = []
        for prog in ("jingdu", "less", "w3m"):
            v = table.get((prog, doc, key))
            c = cell(key, v, timeout)
            med = v[0] if isinstance(v, tuple) else v
            if prog == "jingdu" and (med == "timeout" or (isinstance(med, float) and med > limit)):
                c += " *"
                missed = True
            cells.append(c)
        print(("  %-42s %-22s %-18s %-18s %s" % (label, ftext, *cells)).rstrip())
    if missed:
        print("  * jingdu misses the floor here (BELOW FLOOR)")
    print("   each run (ms, MB):")
    print("\n".join(raw))
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
