#!/usr/bin/env python3
"""sgr.py — read the colours of a `tmux capture-pane -p -e` capture (tests/e2e/themes-test).

  sgr.py summary FILE      counts of the colour SGR kinds used on the screen:
                           "c256=N basic=N bright=N rgb=N attr=N other=N"
                           c256: 38;5;N / 48;5;N; basic: 30-37 40-47; bright: 90-97 100-107;
                           rgb: 38;2 / 48;2 (also the colon forms); attr: 1-9 (bold…reverse);
                           39/49 (default colours) and 0/22-29 (resets) are not counted
  sgr.py report FILE REGEX...  the summary line, then one `at` line per REGEX ("-" when no
                           row matches): one process for all (python starts slowly under load)
  sgr.py at FILE REGEX     the style of the cell where group 1 of REGEX starts, REGEX being
                           matched against each row's text without escapes (first match):
                           "fg=SPEC bg=SPEC attrs=A,B" with SPEC 39/49 (default), 3N/4N/9N/10N,
                           38;5;N / 48;5;N or 38;2;R;G;B / 48;2;R;G;B; exit 1 when no row matches

The style carries from row to row, as tmux writes it (it only writes changes).
"""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def params(s):
    """The parameters of one SGR, colon sub-parameters folded to the semicolon form."""
    out = []
    for p in s.split(";") if s else ["0"]:
        if ":" in p:
            sub = [x for x in p.split(":")]
            # 38:2::R:G:B (colour space id empty) or 38:2:R:G:B, 38:5:N
            if len(sub) >= 2 and sub[1] == "2":
                rgb = [x for x in sub[2:] if x != ""][-3:]
                out += [sub[0], "2"] + rgb
            else:
                out += sub
        else:
            out.append(p if p else "0")
    return out


class Style:
    def __init__(self):
        self.fg, self.bg, self.attrs = "39", "49", set()

    def apply(self, ps, counts=None):
        i = 0
        while i < len(ps):
            p = int(ps[i]) if ps[i].isdigit() else -1
            if p in (38, 48) and i + 1 < len(ps):
                if ps[i + 1] == "5" and i + 2 < len(ps):
                    v = "%d;5;%s" % (p, ps[i + 2])
                    kind, i = "c256", i + 3
                elif ps[i + 1] == "2" and i + 4 < len(ps):
                    v = "%d;2;%s;%s;%s" % (p, ps[i + 2], ps[i + 3], ps[i + 4])
                    kind, i = "rgb", i + 5
                else:
                    kind, v, i = "other", None, len(ps)
                if v:
                    if p == 38:
                        self.fg = v
                    else:
                        self.bg = v
                if counts is not None:
                    counts[kind] += 1
                continue
            i += 1
            if p == 0:
                self.fg, self.bg, self.attrs = "39", "49", set()
            elif 1 <= p <= 9:
                self.attrs.add(p)
                kind = "attr"
            elif 21 <= p <= 29:
                self.attrs.discard(p - 20)
                if p == 22:
                    self.attrs.discard(2)
                continue
            elif 30 <= p <= 37 or 90 <= p <= 97:
                self.fg, kind = str(p), "basic" if p < 90 else "bright"
            elif 40 <= p <= 47 or 100 <= p <= 107:
                self.bg, kind = str(p), "basic" if p < 100 else "bright"
            elif p == 39:
                self.fg = "39"
                continue
            elif p == 49:
                self.bg = "49"
                continue
            else:
                kind = "other"
            if counts is not None and p != 0:
                counts[kind] += 1

    def __str__(self):
        return "fg=%s bg=%s attrs=%s" % (self.fg, self.bg,
                                         ",".join(str(a) for a in sorted(self.attrs)))


def rows(path):
    """Each row as (text, [style string of each character])."""
    st = Style()
    out = []
    for line in open(path, encoding="utf-8", errors="replace").read().split("\n"):
        text, styles, pos = [], [], 0
        for m in SGR.finditer(line):
            for ch in line[pos:m.start()]:
                text.append(ch)
                styles.append(str(st))
            st.apply(params(m.group(1)))
            pos = m.end()
        for ch in line[pos:]:
            text.append(ch)
            styles.append(str(st))
        out.append(("".join(text), styles))
    return out


def summary(path):
    counts = dict(c256=0, basic=0, bright=0, rgb=0, attr=0, other=0)
    st = Style()
    for m in SGR.finditer(open(path, encoding="utf-8", errors="replace").read()):
        st.apply(params(m.group(1)), counts)
    return " ".join("%s=%d" % (k, counts[k]) for k in
                    ("c256", "basic", "bright", "rgb", "attr", "other"))


def style_at(path, rx):
    rx = re.compile(rx)
    for text, styles in rows(path):
        m = rx.search(text)
        if m:
            return styles[m.start(1)]
    return None


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "summary":
        print(summary(path))
    elif cmd == "report":
        print(summary(path))
        for rx in sys.argv[3:]:
            print(style_at(path, rx) or "-")
    elif cmd == "at":
        st = style_at(path, sys.argv[3])
        if st is None:
            return 1
        print(st)
    return 0


if __name__ == "__main__":
    sys.exit(main())
